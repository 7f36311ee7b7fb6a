import type { IdKind } from '@idv-lens/shared/ids'
import type { LookupFound, VendorName } from '@idv-lens/shared/api'
import { ApiError } from '../errors.ts'
import { holdsLink } from '../bodies/link-text.ts'

/**
 * Normalized one-line summaries of vendor objects for inline lookups (each vendor builds its own in
 * vendors/<name>/): only what helps an agent decide, no names, documents or addresses. Every field is
 * type-checked as it is read: a summary goes to content scripts and into the cache, so a vendor value of
 * the wrong type (a `status` object may hold a name) makes the ID `upstream-invalid` rather than a summary.
 * No text of a summary is a link (bodies/link-text.ts): an optional one is left out, a required one is invalid.
 */
export type Found<K extends IdKind> = Omit<LookupFound, 'details'> & { details: Extract<LookupFound['details'], { kind: K }> }

/** Readers of one vendor's summary fields: `where` names the field in the error, never its value. */
export type SummaryFields = {
  /** The error that turns one ID of a batch into an `upstream-invalid` entry. */
  invalid(where: string): ApiError
  /** A string, or null for an absent or empty value; anything else is not a summary field. */
  optText(v: unknown, where: string): string | null
  /** A string that must be there (a status, a name). */
  text(v: unknown, where: string): string
  /** A list of strings (absent: empty); any other item or shape is not a summary field. */
  texts(v: unknown, where: string): string[]
}

export function summaryFields(provider: VendorName, label: string): SummaryFields {
  const invalid = (where: string) =>
    new ApiError(
      'upstream-invalid',
      `${label} answered a value of the wrong type for this ID (at ${where}).`,
      { provider },
      { upstreamStatus: 502 },
    )
  return {
    invalid,
    optText(v, where) {
      if (v === undefined || v === null || v === '') return null
      if (typeof v === 'string') return holdsLink(v) ? null : v
      throw invalid(where)
    },
    text(v, where) {
      if (typeof v === 'string' && v && !holdsLink(v)) return v
      throw invalid(where)
    },
    texts(v, where) {
      if (v === undefined || v === null) return []
      if (Array.isArray(v) && v.every((item) => typeof item === 'string')) return (v as string[]).filter((item) => !holdsLink(item))
      throw invalid(where)
    },
  }
}
