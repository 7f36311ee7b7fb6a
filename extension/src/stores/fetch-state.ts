import type { RelayFailure, RelayOk, RelayResult } from '../lib/messages.ts'

/** When the data shown was fetched from the vendor, and how the relay's cache served it. */
export type Fetched = Pick<RelayOk<unknown>, 'freshness' | 'receivedAt' | 'age'>

export const fetchedOf = (result: RelayOk<unknown>): Fetched => ({
  freshness: result.freshness,
  receivedAt: result.receivedAt,
  ...(result.age !== undefined ? { age: result.age } : {}),
})

/** The vendor's copy is this old: the relay held it `age` seconds before handing it over. */
export const fetchedAt = (f: Fetched): number => f.receivedAt - (f.age ?? 0) * 1000

/** A failure with the moment a retry makes sense again (rate limits). */
export type FailureState = { failure: RelayFailure; retryAt: number | null }

export const failureState = (failure: RelayFailure, at: number): FailureState => ({
  failure,
  retryAt: failure.retryAfter !== undefined ? at + failure.retryAfter * 1000 : null,
})

/**
 * A relay call from a page, settled: the background always answers with a RelayResult, but the
 * message itself can fail (worker restarting after an update), and that must not become an
 * unhandled rejection or a spinner that never ends.
 */
export async function settle<T>(call: Promise<RelayResult<T>>): Promise<RelayResult<T>> {
  try {
    return await call
  } catch {
    return { ok: false, error: { kind: 'internal', reason: { code: 'background-silent' } } }
  }
}
