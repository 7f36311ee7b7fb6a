import { createShadowHost, type ShadowHost } from '../ui-host.ts'

/** The tag of the element our mark boxes live in (never scanned: it holds no text the page can reach). */
export const MARKS_TAG = 'idv-lens-marks'

/*
The host is an empty, zero-sized box placed absolute in the document, so a document scroll carries its
boxes with the text and no script runs. It lets the pointer through, so elementFromPoint and caret
hit-testing (our hover's included) reach the page's text, and its size, style and place stay the same
whatever is drawn; a closed shadow root gives the page no handle on the boxes (host.shadowRoot is null).
Its styles are !important inside the shadow root, which outranks anything the page says about the host.
One step below the card's host, which must cover the marks.
*/
const LAYER_CSS = `:host{all:initial!important;position:absolute!important;pointer-events:none!important;z-index:2147483646!important}
b{position:absolute;box-sizing:border-box}`

export type MarkLayer = {
  /** Where the boxes go (inside the closed shadow root): one <b> per box. */
  container: HTMLElement
  /** Where the host is on screen: each box is placed at its rect on screen less this (any containing block works). */
  origin(): DOMRect
  /** Puts the host (back) at the end of <html>: the page may have removed or replaced it. */
  attach(): void
  remove(): void
}

/**
 * Our element for the marks: made once, put in the page when there is a first box to draw, with
 * `alongside` (our UI host) in the same task, above it: the card must cover the marks, and in the top
 * layer the host shown last is on top (ui-host.ts).
 */
export function createMarkLayer(doc: Document, alongside?: Pick<ShadowHost, 'attach' | 'raise'>): MarkLayer {
  const { host, shadow, attach } = createShadowHost(doc, MARKS_TAG, LAYER_CSS)
  const container = doc.createElement('div')
  shadow.append(container)
  return {
    container,
    attach() {
      if (attach()) alongside?.raise()
      else alongside?.attach()
    },
    origin: () => host.getBoundingClientRect(),
    remove: () => host.remove(),
  }
}
