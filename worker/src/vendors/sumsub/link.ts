import { isSumsubExternalUserId } from './ids.ts'
import type { SumsubRequest } from './sign.ts'

/** The relay's bounds on a link's life the admin sets: a minute to a week. */
export const LINK_TTL_SECONDS = { min: 60, max: 604_800 }

const LEVEL_NAME = /^[A-Za-z0-9 ._-]{1,128}$/

/**
 * The `websdkLink` call for the applicant's own level and user (docs/vendors/sumsub.md §4): the body is
 * signed as sent, so it is made once here. Null for input the relay refuses before any call.
 */
export function sumsubLinkRequest(input: { levelName: string; externalUserId: string; ttlInSecs: number }): SumsubRequest | null {
  const { levelName, externalUserId, ttlInSecs } = input
  if (!LEVEL_NAME.test(levelName) || !isSumsubExternalUserId(externalUserId)) return null
  if (!Number.isInteger(ttlInSecs) || ttlInSecs < LINK_TTL_SECONDS.min || ttlInSecs > LINK_TTL_SECONDS.max) return null
  return {
    method: 'POST',
    pathWithQuery: '/resources/sdkIntegrations/levels/-/websdkLink',
    body: JSON.stringify({ levelName, userId: externalUserId, ttlInSecs }),
  }
}

/** The answer's link, and nothing else of the body; null when it holds no https URL. */
export function sumsubLinkOf(answer: unknown): string | null {
  const url = (answer as { url?: unknown } | null)?.url
  return typeof url === 'string' && url.startsWith('https://') ? url : null
}
