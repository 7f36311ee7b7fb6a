import type { VendorName } from '@idv-lens/shared/api'
import type { RelayConfig } from '../config/relay-config.ts'
import { ApiError } from '../errors.ts'
import { gateStub, gateTarget } from './gate-client.ts'
import type { GateResult } from '../gate/protocol.ts'
import { answerOf, type Shape } from './call-upstream.ts'

/** One agent action as the route built it: the vendor path, the JSON body, and the records it changes. */
export type ActionCall = { provider: VendorName; path: string; body: unknown; headers: Record<string, string>; changed: string[] }

/**
 * One vendor write, through the vendor gate (its budget; never shared or kept). Answers `shape` of the
 * 2xx body; a vendor 409 or 422 (the vendor would not do it: a cap, a state) is the agent's 400 with the
 * vendor's documented word only; every other failure as a read's.
 */
export async function callAction<T>(config: RelayConfig, call: ActionCall, apiKey: string, agent: string, shape: Shape<T>): Promise<T> {
  const provider = config.vendors[call.provider]
  let result: GateResult
  try {
    const stub = await gateStub(config, call.provider)
    const action = { provider: call.provider, path: call.path, body: JSON.stringify(call.body), headers: call.headers, agent, changed: call.changed }
    result = await stub.act(action, gateTarget(config, call.provider, apiKey))
  } catch (err) {
    // Never a way around the gate, only a short wait.
    throw new ApiError('governor-unavailable', `The relay's ${provider.label} gate is unavailable; retry in a second.`, {
      provider: call.provider,
      retryAfter: 1,
    }, { cause: err, upstreamStatus: 503 })
  }
  if (result.kind === 'response' && (result.status === 409 || result.status === 422)) {
    const said = provider.errorMessage(result.body)
    throw new ApiError('bad-request', `${provider.label} would not do this (HTTP ${result.status})${said ? `: ${said}` : ''}.`, { provider: call.provider }, {
      upstreamStatus: result.status,
    })
  }
  return answerOf(config, call.provider, result, shape)
}
