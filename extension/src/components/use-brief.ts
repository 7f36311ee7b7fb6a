import { useSignal, type ReadonlySignal } from '@preact/signals'
import { useEffect, useRef } from 'preact/hooks'

/**
 * A value a view shows for `ms`, then null (a button's "Copied"): a newer value restarts the time, so
 * an earlier timer never cuts it short, and the timer goes with the view.
 */
export function useBrief<T>(ms: number): { value: ReadonlySignal<T | null>; show(next: T): void } {
  const value = useSignal<T | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])
  const show = (next: T) => {
    clearTimeout(timer.current)
    value.value = next
    timer.current = setTimeout(() => (value.value = null), ms)
  }
  return { value, show }
}
