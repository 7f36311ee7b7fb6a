import type { VendorName } from '@idv-lens/shared/api'
import type { RelayConfig } from '../config/relay-config.ts'
import { ApiError } from '../errors.ts'
import { sha256Hex } from '../sha256.ts'
import { matchObjectOf } from './action-guard-client.ts'
import { gateStub, gateTarget } from './gate-client.ts'
import type { ActionGuard, ActionResult } from '../gate/protocol.ts'
import { VENDORS } from '../vendors/index.ts'
import { answerOf, type Shape } from './call-upstream.ts'

/**
 * What an action must pass in the gate before its vendor call, about `record` (its ID; hashed before
 * it leaves the Worker): a requester match by this agent in the last 15 minutes, and at most `perDay`
 * per record in any 24 h under `action`'s count (a retried scoped Idempotency-Key, `attempt`, once).
 * `refusals`: the words of each refusal.
 */
export type ActionGuardAsk = {
  record: string
  requesterMatch: boolean
  daily?: { action: string; perDay: number; attempt: string | undefined }
  refusals: { notConfirmed: string; bound: (retryAfterSeconds: number) => string }
}

/** One agent action as the route built it: the vendor path, the JSON body, the records it changes, who asks, with which key. */
export type ActionCall = {
  provider: VendorName
  path: string
  body: unknown
  headers: Record<string, string>
  changed: string[]
  apiKey: string
  agent: string
  guard?: ActionGuardAsk
}

// The day's count keeps its hash prefix (the action's name): the rows the gate already holds stay its own.
async function gateGuard(ask: ActionGuardAsk): Promise<ActionGuard> {
  const guard: ActionGuard = {}
  if (ask.requesterMatch) guard.match = await matchObjectOf(ask.record)
  if (ask.daily) {
    const { action, perDay, attempt } = ask.daily
    guard.daily = { object: await sha256Hex(`${action}/${ask.record}`), attempt: attempt ?? crypto.randomUUID(), perDay }
  }
  return guard
}

/**
 * One vendor write, its guards included, in one round trip to the vendor gate (its budget; never
 * shared or kept). Answers `shape` of the 2xx body; a vendor 409 or 422 (the vendor would not do it: a
 * cap, a state) is the agent's 400 with the vendor's documented word only; every other failure as a
 * read's. A day's count whose 2xx answer `shape` refuses is given back.
 */
export async function callAction<T>(config: RelayConfig, call: ActionCall, shape: Shape<T>): Promise<T> {
  const provider = VENDORS[call.provider]
  let result: ActionResult
  try {
    const stub = await gateStub(config, call.provider)
    const guard = call.guard ? await gateGuard(call.guard) : undefined
    const action = { provider: call.provider, path: call.path, body: JSON.stringify(call.body), headers: call.headers, agent: call.agent, changed: call.changed, ...(guard ? { guard } : {}) }
    result = await stub.act(action, gateTarget(config, call.provider, call.apiKey))
  } catch (err) {
    // Never a way around the gate, only a short wait.
    throw new ApiError('governor-unavailable', `The relay's ${provider.label} gate is unavailable; retry in a second.`, {
      provider: call.provider,
      retryAfter: 1,
    }, { cause: err, upstreamStatus: 503 })
  }
  if (result.kind === 'refused') throw refusal(call, result)
  if (result.kind === 'response' && (result.status === 409 || result.status === 422)) {
    const said = provider.errorMessage(result.body)
    throw new ApiError('bad-request', `${provider.label} would not do this (HTTP ${result.status})${said ? `: ${said}` : ''}.`, { provider: call.provider }, {
      upstreamStatus: result.status,
    })
  }
  try {
    return await answerOf(config, call.provider, result, shape)
  } catch (error) {
    if ('counted' in result && result.counted) await giveBack(config, call.provider, result.counted)
    throw error
  }
}

function refusal(call: ActionCall, result: Extract<ActionResult, { kind: 'refused' }>): ApiError {
  const words = call.guard!.refusals
  if (result.reason === 'requester-not-confirmed') return new ApiError('requester-not-confirmed', words.notConfirmed)
  return new ApiError('rate-limited', words.bound(result.retryAfterSeconds), { provider: call.provider, retryAfter: result.retryAfterSeconds })
}

/** Gives back a day's count when the vendor's answer was no good (never throws: a gate error is logged). */
async function giveBack(config: RelayConfig, provider: VendorName, counted: { object: string; attempt: string }): Promise<void> {
  try {
    await (await gateStub(config, provider)).uncountLink(counted.object, counted.attempt)
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', msg: 'an action\'s day count not given back', provider, error: String(error) }))
  }
}
