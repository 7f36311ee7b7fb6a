import { isSumsubExternalUserId } from './ids.ts'

/** The relay's bounds on a link's life the admin sets (SUMSUB_LINK_TTL_SECONDS): a minute to a week; unset, half an hour. */
export const LINK_TTL_SECONDS = { min: 60, max: 604_800, fallback: 1800 }

const LEVEL_NAME = /^[A-Za-z0-9 ._-]{1,128}$/

/** The variable's seconds, or null when it is out of bounds (the admin must fix it: no link is made). */
export function linkTtlOf(raw: string | undefined): number | null {
  if (raw === undefined || raw.trim() === '') return LINK_TTL_SECONDS.fallback
  const seconds = /^\d{1,7}$/.test(raw.trim()) ? Number(raw.trim()) : NaN
  return seconds >= LINK_TTL_SECONDS.min && seconds <= LINK_TTL_SECONDS.max ? seconds : null
}

/** What `websdkLink` is asked (docs/vendors/sumsub.md §4): the applicant's own level and user, the admin's TTL. */
export type SumsubLinkBody = { levelName: string; userId: string; ttlInSecs: number }

/** The `websdkLink` body for the applicant's own level and user; null for values the relay refuses before any call. */
export function sumsubLinkBody(input: { levelName: unknown; externalUserId: unknown; ttlInSecs: number }): SumsubLinkBody | null {
  const { levelName, externalUserId, ttlInSecs } = input
  if (
    typeof levelName !== 'string' ||
    !LEVEL_NAME.test(levelName) ||
    typeof externalUserId !== 'string' ||
    !isSumsubExternalUserId(externalUserId)
  )
    return null
  if (!Number.isInteger(ttlInSecs) || ttlInSecs < LINK_TTL_SECONDS.min || ttlInSecs > LINK_TTL_SECONDS.max) return null
  return { levelName, userId: externalUserId, ttlInSecs }
}

/** The answer's link, and nothing else of the body; null when it holds no https URL (plain http to a loopback host: the local demo). */
export function sumsubLinkOf(answer: unknown): string | null {
  const url = (answer as { url?: unknown } | null)?.url
  if (typeof url !== 'string' || url.length > 2048 || !URL.canParse(url)) return null
  const parsed = new URL(url)
  const loopback = parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)
  return parsed.protocol === 'https:' || loopback ? url : null
}
