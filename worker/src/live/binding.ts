import type { Bindings } from '../env.ts'
import type { LiveHub } from './hub.ts'

/** One hub per deployment: every receiver and every agent socket meets at this name. */
export const LIVE_HUB_NAME = 'live'

export function liveHubOf(env: Bindings): DurableObjectStub<LiveHub> | null {
  return env.LIVE_HUB ? env.LIVE_HUB.getByName(LIVE_HUB_NAME) : null
}
