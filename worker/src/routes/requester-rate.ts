/**
 * How often requesters may be checked. Every check is a vendor call counted against the agent's share
 * of the team's budget in the vendor gate; but the gate answers an identical call within a few seconds
 * from the call before, at no cost, which would let an agent try value after value against one object
 * for free. So checks are also counted in the gate itself (gate/requester-checks.ts): per agent and
 * per object, in one count every isolate and deploy sees; a few a minute is what a ticket needs, and
 * far too few to guess an email or a name.
 */
import type { VendorName } from '@idv-lens/shared/api'
import type { RelayConfig } from '../config/relay-config.ts'
import { ApiError } from '../errors.ts'
import { gateStub } from '../upstream/gate-client.ts'
import type { RequesterCheckVerdict } from '../gate/protocol.ts'
import { sha256Hex } from '../sha256.ts'

const WHOSE: Record<Exclude<RequesterCheckVerdict, { allowed: true }>['whose'], string> = {
  agent: "Your requester checks are limited for now (your own limit, not the team's)",
  object: "This object's requester checks are limited for now (the team's checks of it this minute)",
  team: "The team's requester checks are limited for now",
}

/** Counts one check of `id` by `agent`, or throws the 429 that says whose limit it met and when to retry. */
export async function countRequesterCheck(config: RelayConfig, provider: VendorName, agent: string, id: string): Promise<void> {
  let verdict: RequesterCheckVerdict
  try {
    verdict = await (await gateStub(config, provider)).requesterCheck(agent, await sha256Hex(`requester-check/${id}`))
  } catch (err) {
    // Never a check the count did not see.
    throw new ApiError('governor-unavailable', "The relay's gate is unavailable; retry in a second.", { provider, retryAfter: 1 }, { cause: err, upstreamStatus: 503 })
  }
  if (verdict.allowed) return
  throw new ApiError('rate-limited', `${WHOSE[verdict.whose]}; retry in ${verdict.retryAfterSeconds} s.`, { retryAfter: verdict.retryAfterSeconds })
}
