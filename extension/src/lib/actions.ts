import { CASE_STATUSES, ONE_TIME_LINK_EXPIRY_SECONDS, type ActionName, type MeResponse } from '@idv-lens/shared/api'

export type { ActionName }

/** Who the relay says the agent is (`GET /v1/me`): an agent whose `actions` are empty sees no action. */
export type AgentInfo = MeResponse

/** The case statuses an agent may set: the ones Persona's case templates come with. */
export { CASE_STATUSES }
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** How long a new link stays valid: Persona's own default, 24 hours. */
export const LINK_EXPIRY_SECONDS = 24 * 60 * 60

/** The expiries the relay accepts (a minute to a week). */
export const isLinkExpiry = (seconds: unknown): seconds is number =>
  typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= ONE_TIME_LINK_EXPIRY_SECONDS.min && seconds <= ONE_TIME_LINK_EXPIRY_SECONDS.max

/** A tag name as Persona takes it: 1 to 100 characters, no control characters, no spaces at its ends. */
export const isTagName = (tag: unknown): tag is string =>
  typeof tag === 'string' && tag.trim() === tag && tag.length > 0 && tag.length <= 100 && !/[\u0000-\u001f\u007f]/.test(tag)

/** One confirmed click: its retries reuse the key, so Persona mints one session whatever the network did. */
export const newIdempotencyKey = (): string => crypto.randomUUID()

/** An Idempotency-Key as the extension makes them: a UUID. */
export const isIdempotencyKey = (key: unknown): key is string =>
  typeof key === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key)
