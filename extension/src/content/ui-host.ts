import { UI_TAG } from './ui-tag.ts'

/*
Our UI host (the controls fill it: entrypoints/inline-controls.ts), made here so that it enters the
page in the same task as the marks' host: each new top-level element of ours makes Chrome walk every
layer of the page again (~40 ms on a 5 MB ticket), once per frame one comes in. A zero-sized absolute
stacking context at the top z-index, so a card, list or notice shown in it later is no new top-level layer.
*/
export type UiHost = {
  host: HTMLElement
  /** Closed: the page gets no handle on our elements (host.shadowRoot is null). */
  shadow: ShadowRoot
  /** Puts the host (back) at the end of <html>. */
  attach(): void
}

export function createUiHost(doc: Document): UiHost {
  const host = doc.createElement(UI_TAG)
  const shadow = host.attachShadow({ mode: 'closed' })
  const style = doc.createElement('style')
  style.textContent = ':host{all:initial!important;position:absolute!important;z-index:2147483647!important}'
  shadow.append(style)
  return {
    host,
    shadow,
    attach: () => attachToRoot(doc, host),
  }
}

/** Puts one of our hosts (back) at the end of <html>: the page may have removed or replaced it. */
export function attachToRoot(doc: Document, host: Element): void {
  const root = doc.documentElement
  if (root && host.parentNode !== root) root.append(host)
}
