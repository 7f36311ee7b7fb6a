import type { IdKind } from '@idv-lens/shared/ids'
import type { LookupFound } from '@idv-lens/shared/api'

/**
 * Normalized one-line summaries of vendor objects for inline lookups (each vendor builds its own in
 * vendors/<name>/). Only what helps an agent decide: status, times, threat level and country; no names,
 * documents or addresses.
 */
export type Found<K extends IdKind> = Omit<LookupFound, 'details'> & { details: Extract<LookupFound['details'], { kind: K }> }

export const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null)
