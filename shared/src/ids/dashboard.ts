import { ID_REGISTRY } from '../vendors/id-registry.ts'
import type { VendorIds } from '../vendors/vendor-ids.ts'
import { ID_SHAPES, getIdPattern, type IdKind } from './patterns.ts'
import { isIdOfKind } from './scan.ts'

/*
Vendor dashboard deep links, each kind's from its vendor's folder (vendors/<name>/ids.ts). The vendors
do not document most of them; they are the URL scheme their dashboards use [INF].
*/
/** The host of a dashboard page: what comes before the path. */
const hostOf = (page: string): string => page.split('/', 1)[0] ?? ''

/** The dashboards that show test-mode objects under a path of their own (Stripe's `/test/…`), by host: the same ID. */
const TEST_MODE_PREFIX: Partial<Record<string, string>> = Object.assign({}, ...ID_REGISTRY.map((v: VendorIds) => v.dashboardTestPaths))

/** The path without a dashboard's test-mode prefix, when `host` has one. */
function withoutModePrefix(host: string, path: string): string {
  const prefix = TEST_MODE_PREFIX[host.toLowerCase()]
  return prefix && path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path
}

/** The dashboards' hosts, each once (a page's links are looked for by them before they are parsed). */
export const DASHBOARD_HOSTS: readonly string[] = [...new Set(ID_SHAPES.map((p) => hostOf(p.dashboard)))]

export type IdRef = { kind: IdKind; id: string }

/**
 * The page for `id` in its vendor's dashboard (vendors/<name>/ids.ts says where);
 * `testMode` for an object that says it was made with test keys (`livemode: false`), on a
 * dashboard that keeps those apart.
 */
export function dashboardUrl(kind: IdKind, id: string, mode: { testMode?: boolean } = {}): string {
  const page = getIdPattern(kind).dashboard
  const host = hostOf(page)
  const prefix = mode.testMode ? (TEST_MODE_PREFIX[host] ?? '') : ''
  return `https://${host}${prefix}${page.slice(host.length)}${encodeURIComponent(id)}`
}

/** Whether a record says it is a test-mode object (`livemode: false`); records that do not say are live. */
export const saysTestMode = (record: unknown): boolean => typeof record === 'object' && record !== null && (record as { livemode?: unknown }).livemode === false

// scheme, host (userinfo and ports are not dashboard links), path; query and fragment are ignored.
const LINK = /^https?:\/\/([A-Za-z0-9.-]+)(\/[^?#]*)(?:[?#].*)?$/

/**
 * Reads a dashboard link (an `<a href>` on a helpdesk page, or a pasted URL): the kind and ID
 * it points to, or null. Accepts what `dashboardUrl` makes, plus http, any host case, a trailing
 * slash or sub-page, a query and a fragment. Surrounding whitespace is ignored, as URL parsers do.
 */
export const idFromDashboardUrl = (url: string): IdRef | null => {
  const [, host, fullPath] = LINK.exec(url.trim()) ?? []
  if (host === undefined || fullPath === undefined) return null
  const page = host.toLowerCase() + withoutModePrefix(host, fullPath)
  for (const { kind, dashboard: base } of ID_SHAPES) {
    if (!page.startsWith(base)) continue
    const id = page.slice(base.length).split('/', 1)[0] ?? ''
    return isIdOfKind(id, kind) ? { kind, id } : null
  }
  return null
}
