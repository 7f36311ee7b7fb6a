import type { VendorName } from '@idv-lens/shared/api'
import { aboutTheCaller, Coalescer } from '../cache/coalescer.ts'
import type { RelayConfig } from '../config/relay-config.ts'
import { ApiError } from '../errors.ts'
import { sha256Hex } from '../sha256.ts'
import { CALLER_REFUSALS, type Priority } from '../gate/budget.ts'
import type { GateCall, GateResult, GateStub, GateTarget } from '../gate/protocol.ts'

/** How one call reaches the gate: who asked, how urgently, and whether it waits at all. */
export type CallOptions = {
  agent: string
  priority: Priority
  refresh: boolean
  /** Stops waiting for the answer (a lookup batch that ran out of time). */
  signal?: AbortSignal
  /** Told what the gate added to a call it made (round trip minus the vendor's own time), in ms. */
  onGateOverhead?: (ms: number) => void
  /** Told how old the answer is when it is the gate's kept copy (its refresh floor), in ms. */
  onAnswerAge?: (ms: number) => void
}

/** A call as the Worker asks for it: `key` is its cache key (cache/cache-key.ts), computed once by the caller. */
export type KeyedGateCall = Pick<GateCall, 'provider' | 'path' | 'query' | 'key' | 'list'> & { headers?: Record<string, string> }

// Identical calls in flight in this isolate share one round trip (the gate shares the vendor call
// across isolates); keys hold the configuration's namespace, so one map serves every configuration.
const roundTrips = new Coalescer()

/**
 * Asks the vendor's gate for one call. Each caller parses its own copy of a shared answer, and a
 * refusal about the caller that led (its share, its priority) is never handed to one that joined.
 */
export async function askGate(config: RelayConfig, call: KeyedGateCall, apiKey: string, options: CallOptions): Promise<GateResult> {
  if (!config.gate) throw new Error('VENDOR_GATE is not bound')
  const ranOut = () => new ApiError('upstream-timeout', 'The lookup ran out of time.', { provider: call.provider }, { upstreamStatus: 504 })
  // A batch out of time hands the gate nothing more.
  if (options.signal?.aborted) throw ranOut()
  const roundTrip = async () => {
    const asked = performance.now()
    const stub = await gateStub(config, call.provider)
    const gateCall: GateCall = {
      ...call,
      headers: call.headers ?? {},
      priority: options.priority,
      agent: options.agent,
      refresh: options.refresh,
    }
    const result = await stub.call(gateCall, gateTarget(config, call.provider, apiKey))
    if (result.kind === 'response' && !result.shared)
      options.onGateOverhead?.(Math.max(0, performance.now() - asked - result.vendorMs - result.waitedMs))
    return result.kind === 'denied' && CALLER_REFUSALS.has(result.reason) ? aboutTheCaller(result) : result
  }
  // A forced refresh never joins a round trip already on its way: it may have left before a change.
  const pending = roundTrips.run(call.key, roundTrip, { join: !options.refresh }).promise.then((result) => {
    if (result.kind === 'response' && result.ageMs) options.onAnswerAge?.(result.ageMs)
    return result
  })
  const signal = options.signal
  if (!signal) return pending
  return Promise.race([
    pending,
    new Promise<never>((_, reject) => {
      const stop = () => reject(ranOut())
      if (signal.aborted) stop()
      signal.addEventListener('abort', stop, { once: true })
    }),
  ])
}

/** The vendor environment's one gate (see gateName). */
export async function gateStub(config: RelayConfig, provider: VendorName): Promise<GateStub> {
  const gate = config.gate
  if (!gate) throw new Error('VENDOR_GATE is not bound')
  return gate.get(gate.idFromName(await gateName(config, provider)) as never)
}

export function gateTarget(config: RelayConfig, provider: VendorName, apiKey: string): GateTarget {
  return {
    base: config.upstream[provider].base,
    apiKey,
    signingKey: config.upstream[provider].signingKey,
    timeoutMs: config.timeoutMs,
    limits: config.budget[provider],
  }
}

const gateNames = new WeakMap<RelayConfig, Partial<Record<VendorName, Promise<string>>>>()

/**
 * One gate per vendor environment: provider + base URL + PERSONA_ENVIRONMENT / DEEPIDV_ENVIRONMENT.
 * Never the key: the vendor counts its limits per environment, so a rotated key, or a second relay
 * that binds this Worker's gates with the same environment name, spends the same budget.
 */
export function gateName(config: RelayConfig, provider: VendorName): Promise<string> {
  let names = gateNames.get(config)
  if (!names) gateNames.set(config, (names = {}))
  return (names[provider] ??= (async () => {
    const { base, environment } = config.upstream[provider]
    // The version in the name starts every budget afresh when the naming scheme changes.
    return sha256Hex(JSON.stringify(['vendor-gate/v2', provider, base, environment]))
  })())
}

/**
 * Tells the vendor's gate that a verified webhook reported a change to these records, so its
 * refresh floor stops sharing answers from before. Best effort: a webhook is stored whatever this does.
 */
export async function tellGateChanged(config: RelayConfig, provider: VendorName, ids: string[]): Promise<void> {
  if (!config.gate || ids.length === 0) return
  await (await gateStub(config, provider)).changedRecords(ids)
}
