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

/** Settles only when the client aborts. Holds no timer, so a never-aborted hang keeps nothing alive. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    signal.addEventListener('abort', () => resolve(), { once: true })
  })
}

interface DestroyableSocket {
  destroy(): void
}

/**
 * Closes the TCP connection under the current request, if the runtime exposes it: @hono/node-server
 * passes Node's IncomingMessage as `env.incoming`. Returns false elsewhere (app.request(), workerd),
 * where the caller's thrown ConnectionDropped is what ends the request instead.
 */
export function destroySocket(env: unknown): boolean {
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return false
  const incoming: unknown = env.incoming
  if (typeof incoming !== 'object' || incoming === null || !('socket' in incoming)) return false
  const socket = incoming.socket as Partial<DestroyableSocket> | null
  if (!socket || typeof socket.destroy !== 'function') return false
  socket.destroy()
  return true
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
