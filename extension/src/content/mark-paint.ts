import type { Mark, MarkStore } from './marks/mark-store.ts'
import { createNearViewport, PAINT_MARGIN } from './marks/near-viewport.ts'

/** Marks painted before the browser has measured where they are (see createNearViewport), once the first pass is over. */
const SHOW_AT_ONCE = 200

/** What paints and looks up the marks near the viewport the agent can see (sight-gate.ts). */
export type MarkGate = { show(marks: Mark[]): void; hide(marks: Mark[]): void; changed(records: readonly MutationRecord[]): void }

/** What draws the marks' boxes (box-paint.ts). */
export type MarkBoxes = {
  show(mark: Mark): void
  hide(mark: Mark): void
  changed(records: readonly MutationRecord[]): void
  dispose(): void
  readonly painted: number
}

export type MarkPaintDeps = {
  store: MarkStore
  gate: MarkGate
  boxes: MarkBoxes
  /** Whether the page's first pass is over (from then on a new ID is painted before it is measured). */
  firstPassOver: () => boolean
}

/**
 * The marks near the viewport, painted and looked up through the gate. One observer for painting
 * and lookups: on a page with thousands of marks, Chrome's per-frame cost while scrolling grows with
 * every element observed. Part of the controls (entrypoints/inline-controls.ts): nothing is painted or
 * looked up before they come, so a frame without an ID neither loads this nor observes anything.
 */
export function createMarkPaint({ store, gate, boxes, firstPassOver }: MarkPaintDeps) {
  // None while the marks found before the controls came are handed over, nor during the page's first
  // pass: they are mostly far, and painting them to hide them a frame later cost a frame of measuring.
  let adopting = true
  const inView = createNearViewport({
    onNear() {},
    onShow: (marks) => gate.show(marks),
    // Painted before the observer says whether they are near: not looked up (nor, once it says, painted on if the agent cannot see them).
    onShowEarly: (marks) => marks.forEach(boxes.show),
    onHide(marks) {
      marks.forEach(boxes.hide)
      gate.hide(marks)
    },
    rootMargin: PAINT_MARGIN,
    // A new ID is most likely where the agent is reading: painted at once, before it is measured.
    showAtOnce: () => (!adopting && firstPassOver() ? SHOW_AT_ONCE : 0),
  })
  const stops = [
    store.on('added', (mark) => inView.add(mark)),
    store.on('removed', (mark) => {
      boxes.hide(mark)
      inView.remove(mark)
    }),
  ]
  for (const mark of store.all()) inView.add(mark)
  adopting = false
  return {
    inView,
    /** Marks drawn (tests, benchmarks). */
    get painted(): number {
      return boxes.painted
    },
    /** The page changed (its mutation records): the boxes follow, the gate checks what it withholds again. */
    changed(records: readonly MutationRecord[]): void {
      boxes.changed(records)
      gate.changed(records)
    },
    dispose(): void {
      stops.forEach((stop) => stop())
      inView.disconnect()
      boxes.dispose()
    },
  }
}

export type MarkPaint = ReturnType<typeof createMarkPaint>
