import { createMarkBoxes, perFrame } from './marks/mark-boxes.ts'
import { createMarkLayer, type MarkLayer } from './marks/mark-layer.ts'
import type { UiHost } from './ui-host.ts'
import type { Mark, MarkStore } from './marks/mark-store.ts'
import { createNearViewport, elementOf, PAINT_MARGIN } from './marks/near-viewport.ts'

/**
 * How soon after a change of the page the marks' boxes are measured again (see createMarkBoxes'
 * scheduleChange): measuring lays the page out, which a page rewriting its text every few ms must not pay after each rewrite.
 */
const REMEASURE_AFTER_CHANGE_MS = 100
/** Marks painted before the browser has measured where they are (see createNearViewport), once the first pass is over. */
const SHOW_AT_ONCE = 200

export type MarkPaintDeps = {
  doc: Document
  store: MarkStore
  /** Where a mark's text is now (null once that text changed). */
  rangeOf: (mark: Mark) => Range | null
  /** Goes into the page with the marks' host (see createMarkLayer). */
  uiHost: UiHost
}

/** What paints and looks up the marks near the viewport the agent can see (sight-gate.ts, with the controls). */
export type MarkGate = { show(marks: Mark[]): void; hide(marks: Mark[]): void; changed(records: readonly MutationRecord[]): void }

/**
 * The marks' boxes in our closed shadow root, painted near the viewport only. One observer for
 * painting and lookups: on a page with thousands of marks, Chrome's per-frame cost while scrolling
 * grows with every element observed. Nothing is painted or looked up before the gate comes (`see`):
 * it checks that the agent can see a mark's text, and it comes with the controls, after the first pass.
 */
export function createMarkPaint({ doc, store, rangeOf, uiHost }: MarkPaintDeps) {
  let layer: MarkLayer | undefined
  const layerOf = () => (layer ??= createMarkLayer(doc, uiHost))
  const boxes = createMarkBoxes({
    doc,
    rectsOf: (mark) => rangeOf(mark)?.getClientRects() ?? [],
    elementOf,
    scheduleFlush: perFrame(),
    // A plain timer: asking whether the extension is still there (ctx.isValid reads runtime.id)
    // would cost a ticking page more than the measuring.
    scheduleChange: (flush) => setTimeout(flush, REMEASURE_AFTER_CHANGE_MS),
    makeLayer: layerOf,
  })
  // None during the page's first pass: its marks are mostly far, and painting them to hide them a
  // frame later cost a heavy ticket's load a frame of measuring and drawing.
  let showAtOnce = 0
  let gate: MarkGate | null = null
  const inView = createNearViewport({
    onNear() {},
    onShow: (marks) => gate?.show(marks),
    // Painted before the observer says whether they are near: not looked up (nor, once it says, painted on if the agent cannot see them).
    onShowEarly: (marks) => gate && marks.forEach(boxes.show),
    onHide(marks) {
      marks.forEach(boxes.hide)
      gate?.hide(marks)
    },
    rootMargin: PAINT_MARGIN,
    // A new ID is most likely where the agent is reading: painted at once, before it is measured.
    showAtOnce: () => showAtOnce,
  })
  store.on('added', (mark) => inView.add(mark))
  store.on('removed', (mark) => {
    boxes.hide(mark)
    inView.remove(mark)
  })
  return {
    boxes,
    inView,
    /** Our element for the marks (made now if no mark was drawn yet): the controls style it. */
    layer: layerOf,
    /** The gate is here: the marks near the viewport now go through it, and so does every one that comes near. */
    see(next: MarkGate): void {
      gate = next
      next.show(inView.near())
    },
    /** The page changed (its mutation records): the boxes follow, the gate checks what it withholds again. */
    changed(records: readonly MutationRecord[]): void {
      boxes.changed(records)
      gate?.changed(records)
    },
    /** The page's first pass is over: from now on a new ID is painted before it is measured. */
    firstPassDone(): void {
      showAtOnce = SHOW_AT_ONCE
    },
    dispose(): void {
      inView.disconnect()
      boxes.dispose()
    },
  }
}

export type MarkPaint = ReturnType<typeof createMarkPaint>
