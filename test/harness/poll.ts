import { WAIT } from './wait.ts'

/**
 * Reads `read()` until `done(value)` holds, every `intervalMs`, for at most `timeoutMs`; returns that
 * value. For waits outside a test's `expect.poll` (the harness, the benchmarks): a condition, never a sleep.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = WAIT.timeout, intervalMs = 50, what = 'a condition' }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > until) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
