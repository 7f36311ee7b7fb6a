import { signal } from '@preact/signals'
import { createAutoRetry, type Timers } from '../lib/backoff.ts'
import type { RelayResult } from '../lib/messages.ts'
import { failureState, fetchedOf, settle, type FailureState, type Fetched } from './fetch-state.ts'

/**
 * One relay object (a detail, a section of it). Like the lists, a failed reload keeps the last
 * data so the view can mark it stale rather than blank it. Reads may overlap (Refresh clicked
 * again while the vendor is slow): each answer newer than the one shown is shown as it comes, so
 * repeated clicks never keep every answer off the screen; an older one arriving late is dropped.
 */
export function createResource<T>(fetch: (refresh: boolean) => Promise<RelayResult<T>>, now: () => number = Date.now, timers?: Timers) {
  const data = signal<T | null>(null)
  const fetched = signal<Fetched | null>(null)
  const error = signal<FailureState | null>(null)
  const loading = signal(false)
  let generation = 0
  /** The read whose answer is on screen: an answer from a read begun before it is older. */
  let shown = 0
  // Like the lists: a relay or vendor that comes back brings the detail back without a click.
  const autoRetry = createAutoRetry(() => void load(), timers)

  async function load(refresh = false): Promise<void> {
    const mine = ++generation
    autoRetry.cancel()
    loading.value = true
    const result = await settle(fetch(refresh))
    const latest = mine === generation
    if (latest) {
      loading.value = false
      autoRetry.settled(result.ok ? null : result.error)
      if (!result.ok) error.value = failureState(result.error, now())
    }
    // A read that failed says nothing about what a later one will answer; only the latest shows its failure.
    if (!result.ok || mine < shown) return
    shown = mine
    if (latest) error.value = null
    data.value = result.data
    fetched.value = fetchedOf(result)
  }

  return { data, fetched, error, loading, load, stop: autoRetry.cancel }
}

export type Resource<T> = ReturnType<typeof createResource<T>>
