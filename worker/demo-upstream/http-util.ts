/** Small Web-API helpers for the request path (no Node imports: this must run in any fetch runtime). */
import { ConnectionDropped } from './errors.ts'
import { BASE58_ALPHABET } from './prng.ts'

/** A random base58 string, for per-response ids like Persona's `req_…` (not part of the seeded data). */
export function randomBase58(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  let out = ''
  for (const byte of bytes) out += BASE58_ALPHABET[byte % BASE58_ALPHABET.length]
  return out
}

/** Waits, unless the client goes away first (then stops the request: nobody is listening). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ConnectionDropped('client aborted'))
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new ConnectionDropped('client aborted'))
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Settles when the client aborts, or after `maxMs` if given. The timer also counts as pending work, so
 * workerd doesn't cancel the request as "hung"; it is unref'd where possible so it never keeps Node alive.
 */
export function untilAborted(signal: AbortSignal, maxMs: number | null): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const done = (): void => {
      clearTimeout(timer as Parameters<typeof clearTimeout>[0])
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer: unknown = setTimeout(done, maxMs ?? 2 ** 31 - 1)
    if (typeof timer === 'object' && timer !== null && 'unref' in timer && typeof timer.unref === 'function') timer.unref()
    signal.addEventListener('abort', done, { once: true })
  })
}

interface DestroyableSocket {
  destroy(): void
}

/**
 * The TCP socket under the current request, if the runtime exposes it: @hono/node-server passes Node's
 * IncomingMessage as `env.incoming`. Null elsewhere (app.request(), workerd).
 */
export function nodeSocket(env: unknown): DestroyableSocket | null {
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return null
  const incoming: unknown = env.incoming
  if (typeof incoming !== 'object' || incoming === null || !('socket' in incoming)) return null
  const socket = incoming.socket as Partial<DestroyableSocket> | null
  return socket && typeof socket.destroy === 'function' ? (socket as DestroyableSocket) : null
}

/** Copies the allowed headers, lower-cased. */
export function pickHeaders(headers: Headers, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of allowed) {
    const value = headers.get(name)
    if (value !== null) out[name] = value
  }
  return out
}

export function setIfMissing(headers: Headers, name: string, value: string): void {
  if (!headers.has(name)) headers.set(name, value)
}
