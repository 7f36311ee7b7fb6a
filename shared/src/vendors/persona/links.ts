import { personaIds } from './ids.ts'

/**
 * A Persona review case's page in the dashboard. Cases are no ID kind (pages are not scanned for
 * them), so they have their own helper; the same URL scheme as the kinds' pages [INF].
 */
export const personaCaseDashboardUrl = (id: string): string =>
  `https://${personaIds.kinds[0].dashboard.split('/', 1)[0]}/dashboard/cases/${encodeURIComponent(id)}`
