import type { ActionName, MeResponse } from '@idv-lens/shared/api'

export type { ActionName }

/** Who the relay says the agent is (`GET /v1/me`): an agent whose `actions` are empty sees no action. */
export type AgentInfo = MeResponse

/**
 * One agent action as the side panel asks for it (vendors/vendor.ts `VendorAction`): the action, the
 * object it acts on, its input as the vendor's declaration checks it, and for an action that wants one,
 * the click's Idempotency-Key (the same on a retry of that click).
 */
export type ActionRequest = { action: ActionName; id: string; input?: unknown; idempotencyKey?: string }

/** A write the relay did, or the new link it made (for the side panel to copy and show once, never stored). */
export type ActionAnswer = { done: true } | { link: string }

/** One confirmed click: its retries reuse the key, so the vendor acts once whatever the network did. */
export const newIdempotencyKey = (): string => crypto.randomUUID()

/** An Idempotency-Key as the extension makes them: a UUID. */
export const isIdempotencyKey = (key: unknown): key is string =>
  typeof key === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key)
