/**
 * The agent actions' memory in the vendor gate (gate/action-guards.ts), where every isolate and deploy
 * sees it: the requester matches a one-time link needs (per agent and object, 15 minutes), and the links
 * made per inquiry (given back when the vendor made none). IDs and Idempotency-Keys are hashed before
 * they leave the Worker.
 */
import type { VendorName } from '@idv-lens/shared/api'
import type { RelayConfig } from '../config/relay-config.ts'
import { ApiError } from '../errors.ts'
import { sha256Hex } from '../sha256.ts'
import { gateStub } from './gate-client.ts'

const objectOf = (id: string) => sha256Hex(`requester-match/${id}`)

/** Remembers a match. Best effort: the check's answer stands whatever this does (a later link is refused then). */
export async function rememberMatch(config: RelayConfig, provider: VendorName, agent: string, id: string): Promise<void> {
  try {
    await (await gateStub(config, provider)).requesterMatched(agent, await objectOf(id))
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', msg: 'requester match not remembered', provider, error: String(error) }))
  }
}

/** Whether `agent` had a match for `id` in the last 15 minutes. */
export async function hadMatch(config: RelayConfig, provider: VendorName, agent: string, id: string): Promise<boolean> {
  return (await gateStub(config, provider)).requesterConfirmed(agent, await objectOf(id))
}

const gateDown = (provider: VendorName, cause: unknown) =>
  new ApiError('governor-unavailable', "The relay's gate is unavailable; retry in a second.", { provider, retryAfter: 1 }, { cause, upstreamStatus: 503 })

/** Refuses a one-time link unless `agent` had a requester match for `id` in the last 15 minutes. */
export async function requireMatch(config: RelayConfig, provider: VendorName, agent: string, id: string): Promise<void> {
  let confirmed: boolean
  try {
    confirmed = await hadMatch(config, provider, agent, id)
  } catch (error) {
    throw gateDown(provider, error)
  }
  if (!confirmed) {
    throw new ApiError(
      'requester-not-confirmed',
      "Check the ticket requester's email or name against this inquiry first (POST /v1/requester-check, a match in the last 15 minutes).",
    )
  }
}

/**
 * The Idempotency-Key as the vendor and the gate see it: the agent's key, scoped to that agent and that
 * record (hashed), so another agent's or another record's request never replays this one's answer.
 */
export function scopedIdempotencyKey(agent: string, record: string, key: string): Promise<string> {
  return sha256Hex(JSON.stringify(['idempotency', agent, record, key]))
}

/** One counted link; `giveBack` when no link was made (never throws: a gate error is logged). */
export type LinkCount = { giveBack(): Promise<void> }

/**
 * Counts one link for inquiry `id` (a retry with the same scoped Idempotency-Key once), or refuses
 * past the bound. A retry already counted gives nothing back.
 */
export async function countLink(config: RelayConfig, provider: VendorName, id: string, scopedKey: string | undefined): Promise<LinkCount> {
  const attempt = scopedKey ?? crypto.randomUUID()
  let verdict
  let object: string
  try {
    object = await sha256Hex(`one-time-link/${id}`)
    verdict = await (await gateStub(config, provider)).countLink(object, attempt)
  } catch (error) {
    throw gateDown(provider, error)
  }
  if (!verdict.allowed) {
    throw new ApiError('rate-limited', `This inquiry has had as many new links as a day allows; retry in ${verdict.retryAfterSeconds} s.`, {
      provider,
      retryAfter: verdict.retryAfterSeconds,
    })
  }
  if (!verdict.counted) return { giveBack: async () => {} }
  return {
    giveBack: async () => {
      try {
        await (await gateStub(config, provider)).uncountLink(object, attempt)
      } catch (error) {
        console.error(JSON.stringify({ level: 'error', msg: 'one-time link count not given back', provider, error: String(error) }))
      }
    },
  }
}
