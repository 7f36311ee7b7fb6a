/**
 * One Tab stop for the whole card (the WAI-ARIA roving tabindex): the control last focused keeps
 * tabindex 0, every other one -1, and the arrow keys, Home and End move between them, wrapping.
 * The card shows the same controls for an ID whatever its status (a few only aria-disabled), so Tab
 * leaves the card after one press and an arrow key does the same thing in every state: a page that
 * counts Tab presses or reads `defaultPrevented` learns nothing about the answer.
 */

/** Every control of the card, disabled-looking ones included (they are aria-disabled, still focusable). */
const CONTROLS = 'button, a'

const MOVES: Record<string, (at: number, count: number) => number> = {
  ArrowRight: (at, n) => (at + 1) % n,
  ArrowDown: (at, n) => (at + 1) % n,
  ArrowLeft: (at, n) => (at - 1 + n) % n,
  ArrowUp: (at, n) => (at - 1 + n) % n,
  Home: () => 0,
  End: (_at, n) => n - 1,
}

const controlsOf = (root: HTMLElement) => Array.from(root.querySelectorAll<HTMLElement>(CONTROLS))

/** Gives `stop` (or the first `[data-autofocus]` control when `stop` is gone) tabindex 0 and the rest -1; returns the stop. */
export function syncTabStops(root: HTMLElement, stop: HTMLElement | null): HTMLElement | null {
  const controls = controlsOf(root)
  const current = stop && controls.includes(stop) ? stop : (controls.find((c) => c.hasAttribute('data-autofocus')) ?? controls[0] ?? null)
  for (const control of controls) control.tabIndex = control === current ? 0 : -1
  return current
}

/** A key the card moves focus with; `true` when `e` was one (its default is then prevented, whatever the card shows). */
export function moveFocus(root: HTMLElement, e: KeyboardEvent): boolean {
  const move = MOVES[e.key]
  if (!move || e.ctrlKey || e.metaKey || e.altKey) return false
  e.preventDefault()
  const controls = controlsOf(root)
  if (controls.length === 0) return true
  const at = controls.indexOf(e.target as HTMLElement)
  const next = controls[move(Math.max(0, at), controls.length)]!
  syncTabStops(root, next)
  next.focus({ preventScroll: true })
  return true
}
