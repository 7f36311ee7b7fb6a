import { createMarkBoxes, perFrame } from './marks/mark-boxes.ts'
import { createMarkLayer, type MarkLayer } from './marks/mark-layer.ts'
import type { Mark } from './marks/mark-store.ts'
import { elementOf } from './marks/near-viewport.ts'
import type { UiHost } from './ui-host.ts'

/**
 * How soon after a change of the page the marks' boxes are measured again (see createMarkBoxes'
 * scheduleChange): measuring lays the page out, which a page rewriting its text every few ms must not pay after each rewrite.
 */
const REMEASURE_AFTER_CHANGE_MS = 100

export type BoxPaintDeps = {
  doc: Document
  /** Where a mark's text is now (null once that text changed). */
  rangeOf: (mark: Mark) => Range | null
  /** Goes into the page with the marks' host (see createMarkLayer). */
  uiHost: UiHost
}

/**
 * The marks' boxes in our closed shadow root, and our element for them (made when first asked, or
 * with the first box to draw). Part of the controls (entrypoints/inline-controls.ts): nothing is
 * painted before they bring the gate, so the script every frame loads does without this code.
 */
export function createBoxPaint({ doc, rangeOf, uiHost }: BoxPaintDeps) {
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
  return { boxes, layer: layerOf }
}
