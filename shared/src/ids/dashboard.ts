import { isIdOfKind } from './scan.ts'
import type { IdKind } from './patterns.ts'

/*
Vendor dashboard deep links. Neither vendor documents these; they are the URL scheme their
dashboards use [INF], so check them against a live dashboard when one changes.
*/
const DASHBOARD_PAGE = {
  'persona-inquiry': 'app.withpersona.com/dashboard/inquiries/',
  'persona-inquiry-session': 'app.withpersona.com/dashboard/inquiry-sessions/',
  'persona-event': 'app.withpersona.com/dashboard/events/',
  'deepidv-session': 'app.deepidv.com/sessions/',
  // Stripe documents neither path [INF] (docs/vendors/stripe.md §6): check them against a live dashboard.
  'stripe-verification-session': 'dashboard.stripe.com/identity/verification-sessions/',
  'stripe-verification-report': 'dashboard.stripe.com/identity/verification-reports/',
  // A run's `dashboard_url` in Onfido's spec (docs/vendors/onfido.md §3).
  'onfido-workflow-run': 'dashboard.onfido.com/results/',
} as const satisfies Record<IdKind, `${string}/`>

const KINDS = Object.keys(DASHBOARD_PAGE) as IdKind[]

/** The host of a kind's pages: what comes before the path. */
const hostOf = (kind: IdKind): string => DASHBOARD_PAGE[kind].split('/', 1)[0] ?? ''

/** Stripe's dashboard shows test-mode objects under `/test/…` [INF] (docs/vendors/stripe.md §6): the same ID. */
const TEST_MODE_PREFIX: Partial<Record<string, string>> = { 'dashboard.stripe.com': '/test' }

/** The path without a dashboard's test-mode prefix, when `host` has one. */
function withoutModePrefix(host: string, path: string): string {
  const prefix = TEST_MODE_PREFIX[host.toLowerCase()]
  return prefix && path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path
}

/** The dashboards' hosts, each once (a page's links are looked for by them before they are parsed). */
export const DASHBOARD_HOSTS: readonly string[] = [...new Set(KINDS.map(hostOf))]

export type IdRef = { kind: IdKind; id: string }

/**
 * The page for `id` in its vendor's dashboard, e.g. https://app.withpersona.com/dashboard/inquiries/inq_…;
 * `testMode` for an object that says it was made with test keys (Stripe's `livemode: false`), on a
 * dashboard that keeps those apart.
 */
export function dashboardUrl(kind: IdKind, id: string, mode: { testMode?: boolean } = {}): string {
  const host = hostOf(kind)
  const prefix = mode.testMode ? (TEST_MODE_PREFIX[host] ?? '') : ''
  return `https://${host}${prefix}${DASHBOARD_PAGE[kind].slice(host.length)}${encodeURIComponent(id)}`
}

/** Whether a record says it is a test-mode object (`livemode: false`); records that do not say are live. */
export const saysTestMode = (record: unknown): boolean => typeof record === 'object' && record !== null && (record as { livemode?: unknown }).livemode === false

/**
 * A Persona review case's page in the dashboard. Cases are no ID kind (pages are not scanned for
 * them), so they have their own helper; the same URL scheme as the kinds above [INF].
 */
export const personaCaseDashboardUrl = (id: string): string =>
  `https://${hostOf('persona-inquiry')}/dashboard/cases/${encodeURIComponent(id)}`

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
  for (const kind of KINDS) {
    const base = DASHBOARD_PAGE[kind]
    if (!page.startsWith(base)) continue
    const id = page.slice(base.length).split('/', 1)[0] ?? ''
    return isIdOfKind(id, kind) ? { kind, id } : null
  }
  return null
}
