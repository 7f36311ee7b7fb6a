import { classifyId, idFromDashboardUrl } from '@idv-lens/shared/ids'

/** What the search box opens at once: a bare ID, or a Persona/deepidv dashboard link to one. */
export function parseLookup(text: string): string | null {
  const value = text.trim()
  if (!value) return null
  if (classifyId(value)) return value
  return idFromDashboardUrl(value)?.id ?? null
}
