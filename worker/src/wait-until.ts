import type { Context } from 'hono'

/** Work that outlives the response (cache writes, audit rows, revalidation), kept alive by the runtime. */
export function waitUntilOf(c: Context): (p: Promise<unknown>) => void {
  return (p) => {
    try {
      c.executionCtx.waitUntil(p)
    } catch {
      // No execution context (plain app.request in tests): let the promise run on its own.
    }
  }
}
