/**
 * The first two middlewares of each vendor sub-app: record every request in its scope's stats, then apply
 * the scope's injected fault (if any) before the vendor's own auth and routing run.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { ConnectionDropped } from './errors.ts'
import { nodeSocket, pickHeaders, sleep, untilAborted } from './http-util.ts'
import { SAFE_HEADERS, type ActiveFault, type Provider, type RecordedRequest, type ScopeRegistry } from './scope-state.ts'

export interface DemoVariables {
  /** The API key the request carries ('' when none): the stats/fault scope. */
  scope: string
  recorded: RecordedRequest
}

export type DemoEnv = { Variables: DemoVariables }

/** How one vendor answers the faults that produce a plain error response. */
export interface VendorFaults {
  provider: Provider
  /** Prefix the sub-app is mounted at, stripped from recorded paths. */
  mountPath: string
  scopeOf(request: Request): string
  respond(fault: '401' | '429' | '500' | '503', active: ActiveFault): Response
}

const DEFAULT_LATENCY_MS = 1000
/**
 * Without a Node socket we can't be sure the runtime reports disconnects (workerd 1.20260815 didn't
 * abort request.signal in a local check), so a hang there gives up after this long instead of living forever.
 */
const HANG_LIMIT_WITHOUT_SOCKET_MS = 10 * 60_000

export function recordRequests(scopes: ScopeRegistry, vendor: VendorFaults): MiddlewareHandler<DemoEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url)
    const scope = vendor.scopeOf(c.req.raw)
    const recorded = scopes.record(scope, {
      provider: vendor.provider,
      method: c.req.method,
      path: url.pathname.slice(vendor.mountPath.length) || '/',
      query: Object.fromEntries(url.searchParams),
      headers: pickHeaders(c.req.raw.headers, SAFE_HEADERS),
    })
    c.set('scope', scope)
    c.set('recorded', recorded)
    await next()
    recorded.status = c.res.status
  }
}

export function injectFaults(scopes: ScopeRegistry, vendor: VendorFaults): MiddlewareHandler<DemoEnv> {
  return async (c, next) => {
    const fault = scopes.takeFault(c.get('scope'), c.get('recorded'))
    if (!fault) return next()
    c.get('recorded').fault = fault.fault
    const signal = c.req.raw.signal
    if (fault.latencyMs !== null && fault.fault !== 'latency') await sleep(fault.latencyMs, signal)
    switch (fault.fault) {
      case 'latency':
        await sleep(fault.latencyMs ?? DEFAULT_LATENCY_MS, signal)
        return next()
      case 'hang':
        // In Node only the client's abort (or server close) ends it; nothing is ever written.
        await untilAborted(signal, nodeSocket(c.env) ? null : HANG_LIMIT_WITHOUT_SOCKET_MS)
        throw new ConnectionDropped('hang fault: client aborted')
      case 'drop':
        // Node: close the TCP connection, so the client sees a reset. Elsewhere the thrown error is all
        // there is: app.request() rejects like a failed fetch; workerd answers its own 500.
        nodeSocket(c.env)?.destroy()
        throw new ConnectionDropped('drop fault')
      case 'malformed':
        await next()
        c.res = await truncated(c)
        return
      case 'oversize':
        await next()
        c.res = await padded(c)
        return
      case 'invalid':
        // What a vendor bug or a proxy in between might send: well-formed JSON that is not the resource.
        await next()
        c.res = invalidAnswer(c, fault, signal)
        return
      default:
        c.res = vendor.respond(fault.fault, fault)
        return
    }
  }
}

/** The fault's body as a 200: whole, or (`chunkBytes`) streamed without a length, slowly with `chunkDelayMs`. */
function invalidAnswer(c: Context<DemoEnv>, fault: ActiveFault, signal: AbortSignal): Response {
  const text = JSON.stringify(fault.body ?? null)
  const headers = new Headers(c.res.headers)
  c.res = undefined
  const status = fault.status ?? 200
  if (fault.chunkBytes === undefined) return new Response(text, { status, headers })
  headers.delete('content-length')
  const bytes = new TextEncoder().encode(text)
  const size = fault.chunkBytes
  let at = 0
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (at > 0 && fault.chunkDelayMs) {
        try {
          await sleep(fault.chunkDelayMs, signal)
        } catch (err) {
          return controller.error(err)
        }
      }
      controller.enqueue(bytes.subarray(at, at + size))
      at += size
      if (at >= bytes.byteLength) controller.close()
    },
  })
  return new Response(body, { status, headers })
}

/** The real answer padded with whitespace past 6 MB and streamed without a length: valid JSON, too big to relay. */
async function padded(c: Context<DemoEnv>): Promise<Response> {
  const text = await c.res.text()
  const headers = new Headers(c.res.headers)
  headers.delete('content-length')
  c.res = undefined
  const chunk = new TextEncoder().encode(' '.repeat(64 * 1024))
  let left = Math.ceil((6 * 1024 * 1024) / chunk.byteLength)
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left-- > 0) controller.enqueue(chunk)
      else {
        controller.enqueue(new TextEncoder().encode(text))
        controller.close()
      }
    },
  })
  return new Response(body, { status: 200, headers })
}

/** The real answer cut in half, sent as a complete 200: valid HTTP, invalid JSON. */
async function truncated(c: Context<DemoEnv>): Promise<Response> {
  const text = await c.res.text()
  const headers = new Headers(c.res.headers)
  headers.delete('content-length')
  c.res = undefined // so Hono doesn't merge the old response's headers back in
  return new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), { status: 200, headers })
}
