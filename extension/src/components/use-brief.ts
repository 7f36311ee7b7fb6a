import { useEffect, useRef, useState } from 'preact/hooks'

/**
 * A value a view shows for `ms`, then null (a button's "Copied"): a newer value restarts the time, so
 * an earlier timer never cuts it short, and the timer goes with the view.
 */
export function useBrief<T>(ms: number): [T | null, (next: T) => void] {
  const [value, setValue] = useState<T | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])
  const show = (next: T) => {
    clearTimeout(timer.current)
    setValue(next)
    timer.current = setTimeout(() => setValue(null), ms)
  }
  return [value, show]
}
