import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './processes.ts'
import type { VendorName } from '@idv-lens/shared/api'
import { relayWebhookVars, type VendorBases } from './demo-vendors.ts'
import { DEMO, isPortCollision, PORT_ATTEMPTS, startDemoUpstream, startRelay, type DemoUpstream, type RelayProcess } from './stack.ts'

/** A summary as the relay pushes it (worker/src/live/summary.ts). */
export type LiveFrame = {
  seq: number
  vendor: string
  id: string
  name: string
  objectType: string
  objectId: string
  status: string | null
  createdAt: string
}

export type LiveStack = {
  upstream: DemoUpstream
  relay: RelayProcess
  /** Has the demo vendor deliver one signed webhook now; resolves with what the relay answered. */
  deliver(provider: VendorName): Promise<{ status: number; id: string; name: string }>
  /** Stops the relay and starts it again on the same port with the same state (a redeploy). */
  restartRelay(): Promise<void>
  stop(): Promise<void>
}

/**
 * Relay variables a test adds: other agents and roles (AGENT_TOKENS), the actions an admin turned on
 * (ACTIONS); `vendors`, those whose keys the relay holds (liveBases' unless given).
 */
export type LiveRelayOptions = { agentTokens?: string; vars?: Record<string, string>; vendors?: readonly VendorName[] }

/** The demo upstream's bases a live stack's relay holds keys for unless told otherwise. */
export const liveBases = (upstream: VendorBases): Partial<VendorBases> => ({
  personaBase: upstream.personaBase,
  deepidvBase: upstream.deepidvBase,
})

/** Demo upstream + relay with live events on: the demo vendors post signed webhooks when asked. */
export async function startLiveStack(options: { echo?: boolean; relayPort?: number; relay?: LiveRelayOptions } = {}): Promise<LiveStack> {
  // The upstream must know the relay's port before the relay binds it, so startRelay cannot move
  // the relay to a new port alone: a port another process took meanwhile costs both a new start.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startLiveStackOnce(options.relayPort ?? (await freePort()), options.echo, options.relay)
    } catch (err) {
      if (options.relayPort !== undefined || attempt >= PORT_ATTEMPTS || !isPortCollision(err)) throw err
    }
  }
}

async function startLiveStackOnce(port: number, echo: boolean | undefined, extra: LiveRelayOptions = {}): Promise<LiveStack> {
  const upstream = await startDemoUpstream({
    echo,
    webhooks: {
      target: `http://127.0.0.1:${port}`,
      intervalMs: 0,
    },
  })
  const persistTo = await mkdtemp(join(tmpdir(), 'idv-lens-live-relay-'))
  const relayOptions = {
    persistTo,
    ...(extra.vendors ? vendorBases(upstream, extra.vendors) : liveBases(upstream)),
    port,
    echo,
    ...(extra.agentTokens ? { agentTokens: extra.agentTokens } : {}),
    vars: {
      ...relayWebhookVars(),
      ...extra.vars,
    },
  }
  let relay: RelayProcess
  try {
    relay = await startRelay(relayOptions)
  } catch (err) {
    await upstream.stop()
    await rm(persistTo, { recursive: true, force: true })
    throw err
  }
  return {
    upstream,
    get relay() {
      return relay
    },
    async deliver(provider) {
      const res = await fetch(`${upstream.url}/__demo/webhooks/${provider}`, { method: 'POST' })
      if (!res.ok) throw new Error(`demo webhook ${provider}: ${res.status} ${await res.text()}`)
      return (await res.json()) as { status: number; id: string; name: string }
    },
    async restartRelay() {
      await relay.stop()
      relay = await startRelay(relayOptions)
    },
    async stop() {
      await relay.stop()
      await upstream.stop()
      await rm(persistTo, { recursive: true, force: true })
    },
  }
}

/** The demo upstream's bases of `vendors` only: a relay given them holds those vendors' keys and no other's. */
const vendorBases = (upstream: VendorBases, vendors: readonly VendorName[]): Partial<VendorBases> =>
  Object.fromEntries(vendors.map((name) => [`${name}Base`, upstream[`${name}Base`]]))

/** A ticket for the demo agent, then the socket URL to open with it. */
export async function liveSocketUrl(relayUrl: string, since?: number): Promise<string> {
  const res = await fetch(`${relayUrl}/v1/live/ticket`, { method: 'POST', headers: { authorization: `Bearer ${DEMO.agentToken}` } })
  if (res.status !== 200) throw new Error(`live ticket: ${res.status} ${await res.text()}`)
  const { ticket } = (await res.json()) as { ticket: string }
  return `${relayUrl.replace(/^http/, 'ws')}/v1/live?ticket=${ticket}${since === undefined ? '' : `&since=${since}`}`
}

/** A socket that collects frames; `frames(n)` waits until n have arrived. */
export async function openLiveSocket(relayUrl: string, since?: number) {
  const ws = new WebSocket(await liveSocketUrl(relayUrl, since))
  const frames: LiveFrame[] = []
  const arrivals: number[] = []
  let notify = () => {}
  let markDisplaced = () => {}
  /** Resolves when the hub says this socket made room for a newer one of its agent (worker/src/live/hub.ts DISPLACED_FRAME). */
  const displaced = new Promise<void>((resolve) => (markDisplaced = resolve))
  ws.addEventListener('message', (event) => {
    if (event.data === 'pong') return
    if (event.data === 'displaced') return markDisplaced()
    frames.push(JSON.parse(String(event.data)) as LiveFrame)
    arrivals.push(performance.now())
    notify()
  })
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true })
    ws.addEventListener('error', () => reject(new Error('live socket did not open')), { once: true })
  })
  return {
    ws,
    frames,
    arrivals,
    displaced,
    until(count: number): Promise<LiveFrame[]> {
      return new Promise((resolve) => {
        notify = () => {
          if (frames.length >= count) resolve(frames)
        }
        notify()
      })
    },
    close: () => ws.close(),
  }
}
