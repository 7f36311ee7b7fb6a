/**
 * Node entry for the demo upstream:
 *   node worker/demo-upstream/serve.ts [--port 8788 (0: a free port)] [--host 127.0.0.1]
 *     [--webhook-target http://127.0.0.1:8787 [--webhook-interval-ms 5000]]   (webhooks.ts; per vendor with DEMO_<VENDOR>_WEBHOOK_SECRET)
 * Prints `demo upstream listening on http://127.0.0.1:PORT` once ready. Stops on SIGTERM/SIGINT, when its
 * stdin closes or its parent goes away, so a test harness can never leave it behind. `startDemoUpstream()`
 * runs the same server in-process for Node tests and benchmarks.
 */
import { serve, type ServerType } from '@hono/node-server'
import { fstatSync, realpathSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createDemoUpstream, type DemoUpstream, type DemoUpstreamOptions } from './app.ts'

export const DEFAULT_PORT = 8788
/** The control API has no auth, so the server only ever binds to loopback. */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1']

export interface StartOptions extends DemoUpstreamOptions {
  /** 0 = any free port. Default 8788. */
  port?: number
  /** Loopback only. Default 127.0.0.1. */
  host?: string
}

export interface RunningDemoUpstream {
  /** e.g. `http://127.0.0.1:8788` (append /persona/api/v1 or /deepidv/v1). */
  url: string
  port: number
  upstream: DemoUpstream
  /** Stops listening and drops open connections (hung requests included). */
  close(): Promise<void>
}

export async function startDemoUpstream(options: StartOptions = {}): Promise<RunningDemoUpstream> {
  const host = options.host ?? '127.0.0.1'
  if (!LOOPBACK_HOSTS.includes(host)) throw new Error(`demo upstream: refusing to listen on ${host}; use a loopback address`)
  const upstream = createDemoUpstream(options)
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: upstream.app.fetch, port: options.port ?? DEFAULT_PORT, hostname: host }, () => resolve(s))
    s.once('error', reject)
  })
  // Idle connections stay open until the client or close() drops them: a server closing one after
  // Node's 5 s meets a relay reusing it at the same moment, and the relay's call fails mid-test.
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = 0
  const address = server.address() as AddressInfo
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  let closing: Promise<void> | null = null
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    upstream,
    close: () => {
      upstream.webhooks?.stop()
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Keep-alive and hung connections would otherwise hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections()
      })
      return closing
    },
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      // Signed webhook deliveries to a relay; the secrets come from the environment, never argv.
      'webhook-target': { type: 'string' },
      'webhook-interval-ms': { type: 'string' },
    },
    strict: true,
  })
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`demo upstream: invalid --port ${values.port}`)
  const target = values['webhook-target']
  const intervalMs = Number(values['webhook-interval-ms'] ?? 5000)
  if (!Number.isInteger(intervalMs) || intervalMs < 0)
    throw new Error(`demo upstream: invalid --webhook-interval-ms ${values['webhook-interval-ms']}`)
  const webhooks = target
    ? {
        target,
        intervalMs,
        personaSecret: process.env.DEMO_PERSONA_WEBHOOK_SECRET,
        deepidvSecret: process.env.DEMO_DEEPIDV_WEBHOOK_SECRET,
        stripeSecret: process.env.DEMO_STRIPE_WEBHOOK_SECRET,
        onfidoToken: process.env.DEMO_ONFIDO_WEBHOOK_SECRET,
        sumsubSecret: process.env.DEMO_SUMSUB_WEBHOOK_SECRET,
      }
    : undefined
  const running = await startDemoUpstream({ port, host: values.host, webhooks })

  const stop = (): void => {
    void running.close().then(() => process.exit(0))
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
  // A harness that spawned us with a stdin pipe closes it (or dies) when done.
  if (stdinIsPipe()) {
    process.stdin.on('end', stop)
    process.stdin.on('close', stop)
    process.stdin.resume()
  }
  // If the parent dies without closing anything, we get re-parented: notice and leave.
  const parent = process.ppid
  setInterval(() => {
    if (process.ppid !== parent || !isAlive(parent)) stop()
  }, 1000).unref()
  // Last, so a harness that signals us as soon as it reads this line finds the handlers in place.
  process.stdout.write(`demo upstream listening on ${running.url}\n`)
}

function stdinIsPipe(): boolean {
  try {
    const stat = fstatSync(0)
    return stat.isFIFO() || stat.isSocket()
  } catch {
    return false
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but isn't ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1]
  if (script === undefined) return false
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isEntryPoint()) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
