import type { VendorName } from '@idv-lens/shared/api'
import type { RelayConfig } from '../config/relay-config.ts'
import { ApiError } from '../errors.ts'
import type { Vendor } from '../vendor-shape/vendor.ts'
import { providerMisconfigured } from '../config/refusals.ts'
import { MAX_UPSTREAM_BYTES, tooLarge } from '../bodies/read-capped.ts'
import { CALLER_REFUSALS, type DenialReason } from '../gate/budget.ts'
import { aboutTheCaller } from '../cache/coalescer.ts'
import { ByteBudget } from '../bodies/byte-budget.ts'
import { askGate, type CallOptions, type KeyedGateCall } from './gate-client.ts'
import { INTERACTIVE_WAIT_MS } from '../gate/limits.ts'
import type { GateResult } from '../gate/protocol.ts'

/** When the vendor gives no wait after a 429, hold back this long. */
const DEFAULT_RETRY_AFTER_SECONDS = 30

/**
 * Large bodies this isolate parses and shapes at once (each is copied a few times on the way to the
 * cache and the client). A large answer waits for room as an agent waits for budget; a small one
 * always passes.
 */
export const largeBodies = new ByteBudget(16 * 1024 * 1024, 256 * 1024)

/** What the caller makes of a parsed 2xx body while its room is held (shaping, serialising); `headers`: those the vendor keeps. */
export type Shape<T> = (json: unknown, headers: Readonly<Record<string, string>>) => T | Promise<T>

export type UpstreamCall = {
  provider: VendorName
  /** Path below the vendor's base, e.g. `inquiries` or `sessions/<uuid>`. Built only from validated parts. */
  path: string
  /** Canonical query string (already encoded), or ''. */
  query: string
  headers?: Record<string, string>
}

/**
 * The relay's key for `provider`, or the refusal that keeps every call from the vendor (no key, an
 * unsafe base URL): the one configured check of a call (relay.ts makes it before its cache read).
 */
export function configuredKey(config: RelayConfig, provider: VendorName): string {
  const unsafe = providerMisconfigured(config, provider)
  if (unsafe) throw unsafe
  const apiKey = config.upstream[provider].apiKey
  if (!apiKey) throw notConfigured(config.vendors[provider])
  return apiKey
}

/**
 * One GET to a vendor, always through the vendor gate (the only code that calls a vendor). Resolves
 * to `shape` of the parsed JSON body of a 2xx answer (the body itself without one); every failure
 * becomes an ApiError whose message is safe to show an agent (no key, no raw upstream body beyond its
 * message).
 */
export async function callUpstream<T = unknown>(
  config: RelayConfig,
  { call, apiKey }: { call: KeyedGateCall; apiKey: string },
  options: CallOptions,
  shape: Shape<T> = (json) => json as T,
): Promise<T> {
  const provider = config.vendors[call.provider]
  let result: GateResult
  try {
    result = await askGate(config, call, apiKey, options)
  } catch (err) {
    if (err instanceof ApiError) throw err
    // Overloaded, reset mid-call, unreachable: never a way around the gate, only a short wait.
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

  return answerOf(config, call.provider, result, shape)
}

/**
 * What the gate's result is to the caller: `shape` of a 2xx body, or the ApiError of any other
 * outcome (shared by reads and the agent actions, upstream/call-action.ts).
 */
export async function answerOf<T>(config: RelayConfig, name: VendorName, result: GateResult, shape: Shape<T>): Promise<T> {
  const provider = config.vendors[name]
  switch (result.kind) {
    case 'denied':
      throw deniedError(provider, result)
    case 'timeout':
      throw new ApiError(
        'upstream-timeout',
        `${provider.label} did not answer within ${config.timeoutMs} ms.`,
        {
          provider: name,
        },
        { upstreamStatus: 504 },
      )
    case 'too-large':
      throw tooLarge(provider.label, name, MAX_UPSTREAM_BYTES)
    case 'unreachable':
      throw new ApiError(
        'upstream-unavailable',
        `The connection to ${provider.label} failed.`,
        {
          provider: name,
        },
        { upstreamStatus: 502 },
      )
    case 'invalid':
      throw invalidBody(provider, result.where)
    case 'response':
      // The gate checked the body's shape (bodies/vendor-bodies.ts).
      if (result.status >= 200 && result.status < 300) return parseWithin(provider, result, shape)
      throw mapFailure(provider, result.status, result.body, result.retryAfterSeconds)
  }
}

function deniedError(provider: Vendor, denied: Extract<GateResult, { kind: 'denied' }>): ApiError {
  const { name } = provider
  const retryAfter = Math.max(1, denied.retryAfterSeconds)
  if (denied.reason === 'vendor-hold') {
    return new ApiError(
      'rate-limited',
      `${provider.label} asked the relay to slow down; retry in ${retryAfter} s.`,
      {
        provider: name,
        retryAfter,
      },
      { upstreamStatus: 429 },
    )
  }
  const error = new ApiError(
    'budget-exhausted',
    `${whoseBudget(denied.reason, provider.label)} is used up for now; retry in ${retryAfter} s.`,
    {
      provider: name,
      retryAfter,
    },
    {
      upstreamStatus: 429,
      headers: {
        'ratelimit-limit': String(denied.limit),
        'ratelimit-remaining': String(denied.remaining),
        'ratelimit-reset': String(Math.max(1, denied.resetSeconds)),
      },
    },
  )
  // About this caller alone: a request that joined this call runs its own (cache/coalescer.ts).
  return CALLER_REFUSALS.has(denied.reason) ? aboutTheCaller(error) : error
}

/** Whose budget ran out, in the refusal's words: the agent's share, background work's part, or the team's. */
function whoseBudget(reason: DenialReason, label: string): string {
  switch (reason) {
    case 'agent-share':
      return `Your share of the team's ${label} budget (per agent, this minute)`
    case 'agent-day-share':
      return `Your share of the team's ${label} budget for today (per agent)`
    case 'ai-share':
      return `The AI clients' share of the team's ${label} budget (AI_SHARE, this window)`
    case 'background-reserve':
      return `The part of the team's ${label} budget open to background refreshes (the rest is kept for agents waiting on an answer)`
    case 'day':
      return `The team's ${label} budget for today`
    default:
      return `The team's ${label} budget`
  }
}

function mapFailure(provider: Vendor, status: number, text: string, vendorRetryAfter: number | null): ApiError {
  const { name } = provider
  const vendorMessage = provider.errorMessage(text)
  const said = vendorMessage ? `: ${vendorMessage}` : ''
  const upstreamStatus = status
  switch (true) {
    case status === 400:
      return new ApiError('bad-request', `${provider.label} rejected the request${said}`, { provider: name }, { upstreamStatus })
    case status === 404:
      return new ApiError('not-found', `${provider.label} has no such record${said}`, { provider: name }, { upstreamStatus })
    case status === 401 || status === 403:
      // The agent is fine; the relay's own key was refused. Say so without the vendor's wording about keys.
      return new ApiError(
        'upstream-auth',
        `${provider.label} refused the relay's API key (HTTP ${status}). An administrator should check ${provider.keySecret}.`,
        { provider: name },
        { upstreamStatus },
      )
    case status === 429: {
      // The gate has already stopped every call to this vendor until then.
      const retryAfter = vendorRetryAfter ?? DEFAULT_RETRY_AFTER_SECONDS
      return new ApiError(
        'rate-limited',
        `${provider.label} rate limit reached; retry in ${retryAfter} s.`,
        {
          provider: name,
          retryAfter,
        },
        { upstreamStatus },
      )
    }
    default:
      return new ApiError(
        'upstream-unavailable',
        `${provider.label} answered HTTP ${status}${said}`,
        { provider: name },
        {
          upstreamStatus,
        },
      )
  }
}

/**
 * A 2xx body parsed and shaped within the isolate's room for large bodies, given back in the finally
 * by the code that took it, whatever `shape` does. The vendor call is spent by now: the body waits
 * for room as long as an agent waits for budget, and only then is refused.
 */
async function parseWithin<T>(
  provider: Vendor,
  { body, headers }: { body: string; headers?: Record<string, string> },
  shape: Shape<T>,
): Promise<T> {
  const room = largeBodies.lease(body.length)
  try {
    if (!(await room.grow(body.length, { waitMs: INTERACTIVE_WAIT_MS }))) throw busy(provider)
    return await shape(JSON.parse(body), headers ?? {})
  } finally {
    room.release()
  }
}

function busy(provider: Vendor): ApiError {
  const { name } = provider
  return new ApiError(
    'governor-unavailable',
    `The relay is busy with other large ${provider.label} answers; retry in a few seconds.`,
    {
      provider: name,
      retryAfter: 2,
    },
    { upstreamStatus: 503 },
  )
}

function invalidBody(provider: Vendor, where: string | null): ApiError {
  const { name } = provider
  // Cut short or not JSON: a transfer that failed, as before. Well-formed but the wrong shape: upstream-invalid.
  if (where === null) {
    return new ApiError(
      'upstream-unavailable',
      `${provider.label} answered with a body that is not JSON.`,
      { provider: name },
      { upstreamStatus: 502 },
    )
  }
  return new ApiError(
    'upstream-invalid',
    `${provider.label} answered with a body the relay does not recognise (at ${where}).`,
    {
      provider: name,
    },
    { upstreamStatus: 502 },
  )
}

function notConfigured(provider: Vendor): ApiError {
  const { name } = provider
  return new ApiError(
    'provider-not-configured',
    `${provider.label} is not configured on this relay: set the ${provider.keySecret} secret (wrangler secret put ${provider.keySecret}).`,
    { provider: name },
  )
}
