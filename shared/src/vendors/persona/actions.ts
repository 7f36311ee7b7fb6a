/** Persona's agent actions' own terms (the relay's worker/src/vendors/persona/, the extension's). */

/** The bounds of `meta.expires-in-seconds` on `generate-one-time-link`: a minute to a week. */
export const ONE_TIME_LINK_EXPIRY_SECONDS = { min: 60, max: 7 * 24 * 3600 } as const

/** The one-time link's answer, as Persona's: the inquiry (allowlisted) and the link in `meta`, nowhere else. */
export type OneTimeLinkResponse<TData = unknown> = {
  data: TData
  meta: { 'one-time-link': string; 'one-time-link-short'?: string }
}

/**
 * The case statuses `set-status` accepts: those Persona's case templates come with (its spec's examples).
 * A team whose templates name others sets them in Persona's dashboard.
 */
export const CASE_STATUSES = ['Open', 'Pending', 'Approved', 'Declined'] as const
