import { signal } from '@preact/signals'
import { createAutoRetry, type Timers } from '../lib/backoff.ts'
import type { RelayResult } from '../lib/messages.ts'
import { failureState, fetchedOf, settle, type FailureState, type Fetched } from './fetch-state.ts'

/**
 * One relay object (a detail, a section of it). Like the lists, a failed reload keeps the last
 * data so the view can mark it stale rather than blank it.
 */
export function createResource<T>(fetch: (refresh: boolean) => Promise<RelayResult<T>>, now: () => number = Date.now, timers?: Timers) {
  const data = signal<T | null>(null)
  const fetched = signal<Fetched | null>(null)
  const error = signal<FailureState | null>(null)
  const loading = signal(false)
  let generation = 0
  // Like the lists: a relay or vendor that comes back brings the detail back without a click.
  const autoRetry = createAutoRetry(() => void load(), timers)

  async function load(refresh = false): Promise<void> {
    const mine = ++generation
    autoRetry.cancel()
    loading.value = true
    const result = await settle(fetch(refresh))
    if (mine !== generation) return
    loading.value = false
    autoRetry.settled(result.ok ? null : result.error)
    if (!result.ok) {
      error.value = failureState(result.error, now())
      return
    }
    error.value = null
    data.value = result.data
    fetched.value = fetchedOf(result)
  }

  return { data, fetched, error, loading, load, stop: autoRetry.cancel }
}

export type Resource<T> = ReturnType<typeof createResource<T>>
