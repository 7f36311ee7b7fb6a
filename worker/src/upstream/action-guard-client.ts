/**
 * The agent actions' memory in the vendor gate (gate/action-guards.ts), where every isolate and deploy
 * sees it: the requester matches a one-time link needs (per agent and object, 15 minutes), and the links
 * made per inquiry. IDs and Idempotency-Keys are hashed before they leave the Worker.
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

/** Counts one link for inquiry `id` (a retry with the same Idempotency-Key once), or refuses past the bound. */
export async function countLink(config: RelayConfig, provider: VendorName, id: string, idempotencyKey: string | undefined): Promise<void> {
  let verdict
  try {
    const attempt = idempotencyKey ? await sha256Hex(`idempotency/${idempotencyKey}`) : crypto.randomUUID()
    verdict = await (await gateStub(config, provider)).countLink(await sha256Hex(`one-time-link/${id}`), attempt)
  } catch (error) {
    throw gateDown(provider, error)
  }
  if (!verdict.allowed) {
    throw new ApiError('rate-limited', `This inquiry has had as many new links as a day allows; retry in ${verdict.retryAfterSeconds} s.`, {
      provider,
      retryAfter: verdict.retryAfterSeconds,
    })
  }
}
