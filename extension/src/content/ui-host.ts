import { UI_TAG } from './ui-tag.ts'

/** One of our hosts: an element with a closed shadow root holding its style, not yet in the page. */
export type ShadowHost = {
  host: HTMLElement
  /** Closed: the page gets no handle on our elements (host.shadowRoot is null). */
  shadow: ShadowRoot
  /** Puts the host (back) at the end of <html>: the page may have removed or replaced it. */
  attach(): void
}

export type UiHost = ShadowHost

/*
Our UI host (the controls fill it: entrypoints/inline-controls.ts), made here so that it enters the
page in the same task as the marks' host: each new top-level element of ours makes Chrome walk every
layer of the page again (~40 ms on a 5 MB ticket), once per frame one comes in. A zero-sized absolute
stacking context at the top z-index, so a card, list or notice shown in it later is no new top-level layer.
*/
export const createUiHost = (doc: Document): UiHost => createShadowHost(doc, UI_TAG, ':host{all:initial!important;position:absolute!important;z-index:2147483647!important}')

/** The marks' host (marks/mark-layer.ts) and the UI host are made alike. */
export function createShadowHost(doc: Document, tag: string, css: string): ShadowHost {
  const host = doc.createElement(tag)
  const shadow = host.attachShadow({ mode: 'closed' })
  const style = doc.createElement('style')
  style.textContent = css
  shadow.append(style)
  return {
    host,
    shadow,
    attach() {
      const root = doc.documentElement
      if (root && host.parentNode !== root) root.append(host)
    },
  }
}
