import { signal } from '@preact/signals'

let timer: ReturnType<typeof setInterval> | undefined

/**
 * The current time, ticking once a second, but only while something on screen reads it
 * ("12 s ago", retry countdowns): an unwatched clock costs nothing.
 */
export const now = signal(Date.now(), {
  watched() {
    this.value = Date.now()
    timer = setInterval(() => (this.value = Date.now()), 1000)
  },
  unwatched() {
    clearInterval(timer)
  },
})
