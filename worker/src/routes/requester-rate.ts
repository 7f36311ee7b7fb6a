/**
 * How often requesters may be checked. The gate answers an identical call within a few seconds at no
 * cost, which would let an agent try value after value for free, so checks are counted in the gate
 * itself (gate/requester-checks.ts): per agent and per object, in one count every isolate and deploy
 * sees. A birthdate or a phone's last digits have few values, so checks are also bounded per record
 * and per AI client in any 24 h, and a record's few no-matches lock its checks for everyone.
 */
import type { VendorName } from '@idv-lens/shared/api'
import type { RelayConfig } from '../config/relay-config.ts'
import { ApiError } from '../errors.ts'
import { gateStub } from '../upstream/gate-client.ts'
import type { RequesterCheckVerdict } from '../gate/protocol.ts'
import type { ProblemCode } from '@idv-lens/shared/api'
import { sha256Hex } from '../sha256.ts'

const WHOSE: Record<Exclude<RequesterCheckVerdict, { allowed: true }>['whose'], { code: ProblemCode; words: string }> = {
  agent: { code: 'rate-limited', words: "Your requester checks are limited for now (your own limit, not the team's)" },
  object: { code: 'rate-limited', words: "This object's requester checks are limited for now (the team's checks of it this minute)" },
  team: { code: 'rate-limited', words: "The team's requester checks are limited for now" },
  'record-day': {
    code: 'requester-check-limited',
    words: "This record's requester checks for the day are used up (the team's daily bound per record)",
  },
  'ai-day': { code: 'requester-check-limited', words: "This AI client's requester checks for the day are used up (its daily bound)" },
  lockout: { code: 'requester-check-locked', words: "This record's requester checks are locked after too many no-matches" },
}

/** The gate's name for one object's requester checks: a hash, never the ID. */
const objectKey = (id: string) => sha256Hex(`requester-check/${id}`)

/** When a refusal lifts, in words: seconds for a minute's bound, the UTC time (by the gate's clock) for a day's. */
function resetsIn({ retryAfterSeconds, resetsAt }: { retryAfterSeconds: number; resetsAt: number }): string {
  if (retryAfterSeconds < 120) return `retry in ${retryAfterSeconds} s`
  return `it resets at ${new Date(resetsAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** The gate's verdict by `ask`; a gate that does not answer is a 503, never a check the count did not see. */
async function gateVerdict(
  config: RelayConfig,
  provider: VendorName,
  ask: (gate: Awaited<ReturnType<typeof gateStub>>) => Promise<RequesterCheckVerdict>,
): Promise<RequesterCheckVerdict> {
  try {
    return await ask(await gateStub(config, provider))
  } catch (err) {
    throw new ApiError(
      'governor-unavailable',
      "The relay's gate is unavailable; retry in a second.",
      { provider, retryAfter: 1 },
      { cause: err, upstreamStatus: 503 },
    )
  }
}

/** Nothing for an allowed check; else the 429 or 403 that says whose limit it met and when to retry. */
function refuseUnlessAllowed(verdict: RequesterCheckVerdict): void {
  if (verdict.allowed) return
  const { code, words } = WHOSE[verdict.whose]
  throw new ApiError(code, `${words}; ${resetsIn(verdict)}.`, { retryAfter: verdict.retryAfterSeconds })
}

/** Counts one check of `id` by `agent`, or throws the refusal of the bound it met. */
export async function countRequesterCheck(config: RelayConfig, provider: VendorName, agent: string, id: string): Promise<void> {
  const object = await objectKey(id)
  refuseUnlessAllowed(await gateVerdict(config, provider, (gate) => gate.requesterCheck(agent, object, config.requesterChecks)))
}

/**
 * Counts one check of `record`, the record that holds the person's values when it is not the ID asked
 * about (an Onfido run's applicant), so each of its runs is no fresh count; or throws the refusal.
 */
export async function countRequesterRecord(config: RelayConfig, provider: VendorName, record: string): Promise<void> {
  const key = await objectKey(record)
  refuseUnlessAllowed(await gateVerdict(config, provider, (gate) => gate.requesterRecordCheck(key, config.requesterChecks)))
}

/** Counts a check's no-match of `id` toward the record's lockout; a no-match the gate did not count is never answered. */
export async function countRequesterNoMatch(config: RelayConfig, provider: VendorName, id: string): Promise<void> {
  try {
    await (await gateStub(config, provider)).requesterNoMatch(await objectKey(id))
  } catch (err) {
    throw new ApiError(
      'governor-unavailable',
      "The relay's gate is unavailable; retry in a second.",
      { provider, retryAfter: 1 },
      { cause: err, upstreamStatus: 503 },
    )
  }
}
