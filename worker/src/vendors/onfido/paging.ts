import { canonicalQuery } from '../../kit/query.ts'
import { onfidoRunsAllowed } from './allowlist.ts'
import type { OnfidoRunPage, OnfidoWorkflowRun } from './types.ts'

/** The relations Onfido's `Link` header names (docs/vendors/onfido.md §2). */
const RELATIONS = ['first', 'last', 'prev', 'next'] as const
const LINK_PART = /^\s*<([^>]*)>\s*;\s*rel="?(first|last|prev|next)"?\s*$/

/**
 * Onfido's `Link` header on the relay's own route: each relation's page number read out of Onfido's
 * link (digits only), the rest rebuilt from the caller's validated query, as persona/links.ts does.
 * A part that is not `<url>; rel="…"` with a page number makes no link.
 */
export function rewriteLink(header: string | undefined, route: string, callerQuery: Record<string, string>): string | null {
  if (!header) return null
  const rest = Object.fromEntries(Object.entries(callerQuery).filter(([k]) => k !== 'page'))
  const links = new Map<string, string>()
  for (const part of header.split(',', 16)) {
    const [, url, rel] = LINK_PART.exec(part) ?? []
    if (!url || !rel || links.has(rel)) continue
    const page = new URL(url, 'https://onfido.invalid').searchParams.get('page') ?? '1'
    if (/^\d{1,6}$/.test(page)) links.set(rel, `<${route}?${canonicalQuery({ ...rest, page })}>; rel="${rel}"`)
  }
  const ordered = RELATIONS.flatMap((rel) => links.get(rel) ?? [])
  return ordered.length ? ordered.join(', ') : null
}

/** A page of runs as the cache keeps it: the allowed runs, the total and the rewritten `Link`. */
export function keptRunPage(callerQuery: Record<string, string>) {
  return (runs: OnfidoWorkflowRun[], route: string, headers: Readonly<Record<string, string>>): OnfidoRunPage => {
    const total = headers['x-total-count']
    return {
      runs: onfidoRunsAllowed(runs),
      total: total !== undefined && /^\d{1,9}$/.test(total) ? Number(total) : null,
      link: rewriteLink(headers.link, route, callerQuery),
    }
  }
}

/** The route's answer from a kept page: Onfido's bare array, with its paging headers. */
export function runPageAnswer(kept: string): { body: string; headers: Record<string, string> } {
  const page = JSON.parse(kept) as OnfidoRunPage
  return {
    body: JSON.stringify(page.runs),
    headers: { ...(page.total === null ? {} : { 'x-total-count': String(page.total) }), ...(page.link ? { link: page.link } : {}) },
  }
}
