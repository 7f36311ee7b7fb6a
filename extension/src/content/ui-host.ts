import { UI_TAG } from './ui-tag.ts'

/** One of our hosts: an element with a closed shadow root holding its style, not yet in the page. */
export type ShadowHost = {
  host: HTMLElement
  /** Closed: the page gets no handle on our elements (host.shadowRoot is null). */
  shadow: ShadowRoot
  /** Puts the host (back) at the end of <html>, in the top layer: true when it was not in the page. */
  attach(): boolean
  /** Puts the host in the page if it is not, else on top of the top layer (above a host that came back after it). */
  raise(): void
}

export type UiHost = ShadowHost

/*
Our UI host (the controls fill it: entrypoints/inline-controls.ts), made here so that it enters the
page in the same task as the marks' host. A zero-sized absolute stacking context at the top z-index, so
a card, list or notice shown in it later is no new top-level layer.
*/
export const createUiHost = (doc: Document): UiHost =>
  createShadowHost(doc, UI_TAG, ':host{all:initial!important;position:absolute!important;z-index:2147483647!important}')

/*
The page's `::backdrop` rules reach every element of the top layer, ours too: a page dimming its
dialogs would dim itself whenever our host is shown. Ours draws nothing.
*/
const NO_BACKDROP = ':host::backdrop{display:none!important}'

/*
Each host enters the top layer as a manual popover: one more positioned element among the page's own
makes Chrome walk every layer of the page again (about 40 ms on the 5 MB bench ticket), one in the top
layer about 1 ms. Where that fails (a page that cancels the popover's beforetoggle, or hides it), the
host is still what its style makes it, an absolute stacking context at the top z-index: the same boxes.
The page sees the popover's toggle events, as it sees the host come in.
*/
function enterTopLayer(host: HTMLElement): void {
  try {
    host.showPopover()
  } catch {
    // Removed or hidden again by the page's beforetoggle listener: the host stays as styled.
  }
}

/** The marks' host (marks/mark-layer.ts) and the UI host are made alike. */
export function createShadowHost(doc: Document, tag: string, css: string): ShadowHost {
  const host = doc.createElement(tag)
  host.setAttribute('popover', 'manual')
  const shadow = host.attachShadow({ mode: 'closed' })
  const style = doc.createElement('style')
  style.textContent = css + NO_BACKDROP
  shadow.append(style)
  const attach = () => {
    const root = doc.documentElement
    if (!root || host.parentNode === root) return false
    root.append(host)
    enterTopLayer(host)
    return true
  }
  return {
    host,
    shadow,
    attach,
    raise() {
      if (attach()) return
      try {
        host.hidePopover()
      } catch {
        // Not shown (the page prevented it): showing it now puts it on top all the same.
      }
      enterTopLayer(host)
    },
  }
}
