/**
 * The agent actions' memory in the vendor gate (gate/action-guards.ts), where every isolate and deploy
 * sees it: the requester matches an action may need (per agent and object, 15 minutes), checked with
 * the action itself (upstream/call-action.ts). IDs and Idempotency-Keys are hashed before they leave
 * the Worker.
 */
import type { VendorName } from '@idv-lens/shared/api'
import type { RelayConfig } from '../config/relay-config.ts'
import { sha256Hex } from '../sha256.ts'
import { gateStub } from './gate-client.ts'

/** A record as the gate's requester matches know it (hashed). */
export const matchObjectOf = (id: string) => sha256Hex(`requester-match/${id}`)

/** Remembers a match. Best effort: the check's answer stands whatever this does (a later link is refused then). */
export async function rememberMatch(config: RelayConfig, provider: VendorName, agent: string, id: string): Promise<void> {
  try {
    await (await gateStub(config, provider)).requesterMatched(agent, await matchObjectOf(id))
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', msg: 'requester match not remembered', provider, error: String(error) }))
  }
}

/**
 * The Idempotency-Key as the vendor and the gate see it: the agent's key, scoped to that agent and that
 * record (hashed), so another agent's or another record's request never replays this one's answer.
 */
export function scopedIdempotencyKey(agent: string, record: string, key: string): Promise<string> {
  return sha256Hex(JSON.stringify(['idempotency', agent, record, key]))
}
