/** An agent action on a vendor's object, as the relay names it (`GET /v1/me`'s `actions`). */
export type ActionName = 'one-time-link' | 'tags' | 'case-assign' | 'case-status'

export const ACTION_NAMES: readonly ActionName[] = ['one-time-link', 'tags', 'case-assign', 'case-status']

/**
 * Who the relay says the agent is (`GET /v1/me`): `actions` are the ones this agent may call now
 * (turned on by an admin, and a role that allows them); an agent without any sees no action.
 * `linkRequiresRequesterMatch`: a new link is refused until the requester check matched.
 */
export type AgentInfo = {
  agent: string
  roles: ('admin' | 'actor')[]
  actions: ActionName[]
  linkRequiresRequesterMatch: boolean
}

/** The case statuses an agent may set (Persona's own; a team's case templates may name others). */
export const CASE_STATUSES = ['open', 'pending', 'approved', 'declined'] as const

/** How long a new link stays valid when the agent keeps the default: Persona's own default, 24 hours. */
export const LINK_EXPIRY_SECONDS = 24 * 60 * 60

/** A tag name as Persona takes it: 1 to 100 characters, no control characters. */
export const isTagName = (tag: unknown): tag is string =>
  typeof tag === 'string' && tag.trim() === tag && tag.length > 0 && tag.length <= 100 && !/[\u0000-\u001f\u007f]/.test(tag)

/** One confirmed click: its retries reuse the key, so Persona mints one session whatever the network did. */
export const newIdempotencyKey = (): string => crypto.randomUUID()

/** An Idempotency-Key as the extension makes them: a UUID. */
export const isIdempotencyKey = (key: unknown): key is string =>
  typeof key === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key)
