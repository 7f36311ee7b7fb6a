import { signal } from '@preact/signals'
import type { RelayResult } from '../lib/messages.ts'
import { failureState, fetchedOf, settle, type FailureState, type Fetched } from './fetch-state.ts'

/**
 * One relay object (a detail, a section of it). Like the lists, a failed reload keeps the last
 * data so the view can mark it stale rather than blank it.
 */
export function createResource<T>(fetch: (refresh: boolean) => Promise<RelayResult<T>>, now: () => number = Date.now) {
  const data = signal<T | null>(null)
  const fetched = signal<Fetched | null>(null)
  const error = signal<FailureState | null>(null)
  const loading = signal(false)
  let generation = 0

  async function load(refresh = false): Promise<void> {
    const mine = ++generation
    loading.value = true
    const result = await settle(fetch(refresh))
    if (mine !== generation) return
    loading.value = false
    if (!result.ok) {
      error.value = failureState(result.error, now())
      return
    }
    error.value = null
    data.value = result.data
    fetched.value = fetchedOf(result)
  }

  return { data, fetched, error, loading, load }
}

export type Resource<T> = ReturnType<typeof createResource<T>>
