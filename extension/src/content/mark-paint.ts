import type { Mark, MarkStore } from './marks/mark-store.ts'
import { createNearViewport, PAINT_MARGIN } from './marks/near-viewport.ts'

/** Marks painted before the browser has measured where they are (see createNearViewport), once the first pass is over. */
const SHOW_AT_ONCE = 200

export type MarkPaintDeps = { store: MarkStore }

/** What paints and looks up the marks near the viewport the agent can see (sight-gate.ts, with the controls). */
export type MarkGate = { show(marks: Mark[]): void; hide(marks: Mark[]): void; changed(records: readonly MutationRecord[]): void }

/** What draws the marks' boxes (box-paint.ts, with the controls). */
export type MarkBoxes = {
  show(mark: Mark): void
  hide(mark: Mark): void
  changed(records: readonly MutationRecord[]): void
  dispose(): void
  readonly painted: number
}

/**
 * Which marks are near the viewport, and, once the controls bring the gate and the boxes (`see`),
 * their painting. One observer for painting and lookups: on a page with thousands of marks, Chrome's
 * per-frame cost while scrolling grows with every element observed. Nothing is painted or looked up
 * before the gate comes: it checks that the agent can see a mark's text, after the first pass. The
 * drawing code comes with it, so a frame without an ID never loads it.
 */
export function createMarkPaint({ store }: MarkPaintDeps) {
  // None during the page's first pass: its marks are mostly far, and painting them to hide them a
  // frame later cost a heavy ticket's load a frame of measuring and drawing.
  let showAtOnce = 0
  let gate: MarkGate | null = null
  let boxes: MarkBoxes | null = null
  const inView = createNearViewport({
    onNear() {},
    onShow: (marks) => gate?.show(marks),
    // Painted before the observer says whether they are near: not looked up (nor, once it says, painted on if the agent cannot see them).
    onShowEarly: (marks) => boxes && marks.forEach(boxes.show),
    onHide(marks) {
      if (boxes) marks.forEach(boxes.hide)
      gate?.hide(marks)
    },
    rootMargin: PAINT_MARGIN,
    // A new ID is most likely where the agent is reading: painted at once, before it is measured.
    showAtOnce: () => showAtOnce,
  })
  store.on('added', (mark) => inView.add(mark))
  store.on('removed', (mark) => {
    boxes?.hide(mark)
    inView.remove(mark)
  })
  return {
    inView,
    /** Marks drawn (tests, benchmarks). */
    get painted(): number {
      return boxes?.painted ?? 0
    },
    /** The gate and the boxes are here: the marks near the viewport now go through the gate, and so does every one that comes near. */
    see(next: MarkGate, drawn: MarkBoxes): void {
      boxes = drawn
      gate = next
      next.show(inView.near())
    },
    /** The page changed (its mutation records): the boxes follow, the gate checks what it withholds again. */
    changed(records: readonly MutationRecord[]): void {
      boxes?.changed(records)
      gate?.changed(records)
    },
    /** The page's first pass is over: from now on a new ID is painted before it is measured. */
    firstPassDone(): void {
      showAtOnce = SHOW_AT_ONCE
    },
    dispose(): void {
      inView.disconnect()
      boxes?.dispose()
    },
  }
}

export type MarkPaint = ReturnType<typeof createMarkPaint>
