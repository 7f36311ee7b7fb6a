import type { VendorName } from '@idv-lens/shared/api'
import type { RelayConfig } from '../config/relay-config.ts'
import { ApiError } from '../errors.ts'
import { sha256Hex } from '../sha256.ts'
import { matchObjectOf, scopedIdempotencyKey } from './action-guard-client.ts'
import { gateStub, gateTarget } from './gate-client.ts'
import type { ActionGuard, ActionResult } from '../gate/protocol.ts'
import { answerOf, type Shape } from './call-upstream.ts'
import type { VendorAction } from '../vendor-shape/vendor-action.ts'

export type { VendorAction }

/**
 * One agent action as the route built it: which declared action, on which record, the vendor path, the
 * JSON body, the headers it forwards, the records it changes, who asks, with which key. `idempotencyKey`:
 * the agent's, scoped here to agent and record when the action forwards one.
 */
export type ActionCall = {
  provider: VendorName
  action: VendorAction
  record: string
  path: string
  body: unknown
  headers: Record<string, string>
  idempotencyKey?: string | undefined
  changed: string[]
  apiKey: string
  agent: string
}

/** The guards the action's declaration asks for, as the gate checks them (hashed records). */
async function gateGuard(config: RelayConfig, call: ActionCall, attempt: string | undefined): Promise<ActionGuard | undefined> {
  const { action, record } = call
  const match = action.requesterMatch === 'configured' ? config.actions.linkRequiresRequesterMatch : action.requesterMatch
  const once = action.idempotent === 'relay' && attempt !== undefined
  if (!match && action.perDay === null && !once) return undefined
  const guard: ActionGuard = {}
  if (match) guard.match = await matchObjectOf(record)
  // The day's count keeps its hash prefix (the action's name): the rows the gate already holds stay its own.
  const object = await sha256Hex(`${action.key}/${record}`)
  if (action.perDay !== null) guard.daily = { object, attempt: attempt ?? crypto.randomUUID(), perDay: action.perDay }
  if (once) guard.once = { object, attempt }
  return guard
}

/** The headers sent: the route's, and the agent's Idempotency-Key scoped to agent and record where the vendor takes one. */
async function withIdempotency(call: ActionCall): Promise<{ headers: Record<string, string>; attempt: string | undefined }> {
  if (!call.action.idempotent || !call.idempotencyKey) return { headers: call.headers, attempt: undefined }
  const attempt = await scopedIdempotencyKey(call.agent, call.record, call.idempotencyKey)
  return { headers: call.action.idempotent === 'vendor' ? { ...call.headers, 'idempotency-key': attempt } : call.headers, attempt }
}

/**
 * One vendor write, its guards included, in one round trip to the vendor gate (its budget; never
 * shared or kept). Answers `shape` of the 2xx body; a vendor 409 or 422 (the vendor would not do it: a
 * cap, a state) is the agent's 400 with the vendor's documented word only; every other failure as a
 * read's. A day's count whose 2xx answer `shape` refuses is given back.
 */
export async function callAction<T>(config: RelayConfig, call: ActionCall, shape: Shape<T>): Promise<T> {
  const provider = config.vendors[call.provider]
  let result: ActionResult
  try {
    const stub = await gateStub(config, call.provider)
    const { headers, attempt } = await withIdempotency(call)
    const guard = await gateGuard(config, call, attempt)
    const action = {
      provider: call.provider,
      path: call.path,
      body: JSON.stringify(call.body),
      headers,
      agent: call.agent,
      changed: call.changed,
      ...(guard ? { guard } : {}),
    }
    result = await stub.act(action, gateTarget(config, call.provider, call.apiKey))
  } catch (err) {
    // Never a way around the gate, only a short wait.
    throw new ApiError(
      'governor-unavailable',
      `The relay's ${provider.label} gate is unavailable; retry in a second.`,
      {
        provider: call.provider,
        retryAfter: 1,
      },
      { cause: err, upstreamStatus: 503 },
    )
  }
  if (result.kind === 'refused') throw refusal(call, result)
  if (result.kind === 'response' && (result.status === 409 || result.status === 422)) {
    const said = provider.errorMessage(result.body)
    throw new ApiError(
      'bad-request',
      `${provider.label} would not do this (HTTP ${result.status})${said ? `: ${said}` : ''}.`,
      { provider: call.provider },
      {
        upstreamStatus: result.status,
      },
    )
  }
  try {
    return await answerOf(config, call.provider, result, shape)
  } catch (error) {
    if ('counted' in result && result.counted) await giveBack(config, call.provider, result.counted)
    throw error
  }
}

function refusal(call: ActionCall, result: Extract<ActionResult, { kind: 'refused' }>): ApiError {
  const words = call.action.refusals ?? {
    notConfirmed: 'Check the ticket requester first (POST /v1/requester-check).',
    bound: (s: number) => `This record has had as many of these actions as a day allows; retry in ${s} s.`,
  }
  if (result.reason === 'requester-not-confirmed') return new ApiError('requester-not-confirmed', words.notConfirmed)
  if (result.reason === 'already-made') {
    const madeAt = new Date(result.madeAt).toISOString()
    return new ApiError(
      'already-made',
      `This Idempotency-Key's action was already carried out at ${madeAt}; the relay keeps no answer to replay. A new click needs a new key.`,
      { provider: call.provider, madeAt },
    )
  }
  return new ApiError('rate-limited', words.bound(result.retryAfterSeconds), {
    provider: call.provider,
    retryAfter: result.retryAfterSeconds,
  })
}

/** Gives back a day's count when the vendor's answer was no good (never throws: a gate error is logged). */
async function giveBack(config: RelayConfig, provider: VendorName, counted: { object: string; attempt: string }): Promise<void> {
  try {
    await (await gateStub(config, provider)).uncountDaily(counted.object, counted.attempt)
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', msg: "an action's day count not given back", provider, error: String(error) }))
  }
}
