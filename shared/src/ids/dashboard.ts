import { ID_SHAPES, getIdPattern, type IdKind, type IdShape } from './patterns.ts'
import { isIdOfKind } from './scan.ts'

/*
Vendor dashboard deep links, each kind's from its vendor's folder (vendors/<name>/ids.ts). The vendors
do not document most of them; they are the URL scheme their dashboards use [INF].
*/

/** The host of a dashboard page: what comes before the path. */
const hostOf = (page: string): string => page.split('/', 1)[0] ?? ''

/**
 * A kind's dashboard page, host and path, before the ID; under the dashboard's test-mode path (Stripe's
 * `/test/…`: the same ID) for `testMode`, when it has one.
 */
const pageOf = ({ dashboard, testPath }: IdShape, testMode?: boolean): string => dashboard.replace('/', `${(testMode && testPath) || ''}/`)

/** The dashboards' hosts, each once (a page's links are looked for by them before they are parsed). */
export const DASHBOARD_HOSTS: readonly string[] = [...new Set(ID_SHAPES.map((p) => hostOf(p.dashboard)))]

export type IdRef = { kind: IdKind; id: string }

/**
 * The page for `id` in its vendor's dashboard (vendors/<name>/ids.ts says where);
 * `testMode` for an object that says it was made with test keys (`livemode: false`), on a
 * dashboard that keeps those apart.
 */
export function dashboardUrl(kind: IdKind, id: string, mode: { testMode?: boolean } = {}): string {
  return `https://${pageOf(getIdPattern(kind), mode.testMode)}${encodeURIComponent(id)}`
}

/** Whether a record says it is a test-mode object (`livemode: false`); records that do not say are live. */
export const saysTestMode = (record: unknown): boolean =>
  typeof record === 'object' && record !== null && (record as { livemode?: unknown }).livemode === false

// scheme, host (userinfo and ports are not dashboard links), path, fragment (a page routed by it); the query is ignored.
const LINK = /^https?:\/\/([A-Za-z0-9.-]+)(\/[^?#]*)(?:\?[^#]*)?(#.*)?$/

/**
 * Reads a dashboard link (an `<a href>` on a helpdesk page, or a pasted URL): the kind and ID
 * it points to, or null. Accepts what `dashboardUrl` makes, plus http, any host case, a trailing
 * slash or sub-page, a query and a fragment. Surrounding whitespace is ignored, as URL parsers do.
 */
export const idFromDashboardUrl = (url: string): IdRef | null => {
  const [, host, fullPath, fragment] = LINK.exec(url.trim()) ?? []
  if (host === undefined || fullPath === undefined) return null
  const page = host.toLowerCase() + fullPath + (fragment ?? '')
  for (const shape of ID_SHAPES) {
    const base = [pageOf(shape), pageOf(shape, true)].find((b) => page.startsWith(b))
    if (base === undefined) continue
    const id = page.slice(base.length).split(/[/?#]/, 1)[0] ?? ''
    return isIdOfKind(id, shape.kind) ? { kind: shape.kind, id } : null
  }
  return null
}
