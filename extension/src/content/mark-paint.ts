import { createMarkBoxes, perFrame } from './marks/mark-boxes.ts'
import { createMarkLayer } from './marks/mark-layer.ts'
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
  /** Marks about to scroll in or in view: worth a lookup now. */
  onNear: (marks: Mark[]) => void
  /** Goes into the page with the marks' host (see createMarkLayer). */
  uiHost: UiHost
}

/**
 * The marks' boxes in our closed shadow root, painted near the viewport only. One observer for
 * painting and lookups: on a page with thousands of marks, Chrome's per-frame cost while scrolling
 * grows with every element observed.
 */
export function createMarkPaint({ doc, store, rangeOf, onNear, uiHost }: MarkPaintDeps) {
  const boxes = createMarkBoxes({
    doc,
    rectsOf: (mark) => rangeOf(mark)?.getClientRects() ?? [],
    elementOf,
    scheduleFlush: perFrame(),
    // A plain timer: asking whether the extension is still there (ctx.isValid reads runtime.id)
    // would cost a ticking page more than the measuring.
    scheduleChange: (flush) => setTimeout(flush, REMEASURE_AFTER_CHANGE_MS),
    makeLayer: () => createMarkLayer(doc, uiHost),
  })
  // None during the page's first pass: its marks are mostly far, and painting them to hide them a
  // frame later cost a heavy ticket's load a frame of measuring and drawing.
  let showAtOnce = 0
  const inView = createNearViewport({
    onNear,
    onShow: (marks) => marks.forEach((mark) => boxes.show(mark)),
    onHide: (marks) => marks.forEach((mark) => boxes.hide(mark)),
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
