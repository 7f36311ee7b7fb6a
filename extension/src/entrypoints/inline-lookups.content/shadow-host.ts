import type { ContentScriptContext } from '#imports'

/** Keys typed in our UI must not reach the helpdesk's own shortcuts. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress']

/**
 * Our single element in the page: a host after <body> with a closed shadow root, so the page's own
 * tree and its styles stay as they were, neither side's CSS reaches the other, and the page gets no
 * handle on our elements (`host.shadowRoot` is null): it can neither read a card nor click our
 * buttons. Made by hand rather than with WXT's createShadowRootUi (its mounting helpers were a
 * quarter of what every frame loaded at document_start); the same structure: a style reset, our
 * style sheet, one container. Removed when the content script is invalidated.
 */
export function mountShadowHost(ctx: ContentScriptContext, options: { name: string; css: string }): { host: HTMLElement; shadow: ShadowRoot; container: HTMLDivElement } {
  const host = document.createElement(options.name)
  const shadow = host.attachShadow({ mode: 'closed' })
  const style = document.createElement('style')
  // A stacking context of its own from the start (zero-sized, like the marks' host): a card, list or
  // notice appearing later is then a layer inside it. A new layer at the page's root makes Chrome walk
  // every layer of the page again (~40 ms a time on a 5 MB ticket).
  style.textContent = `:host{all:initial!important;position:absolute!important;z-index:2147483647!important}\n${options.css}`
  const container = document.createElement('div')
  shadow.append(style, container)
  for (const type of ISOLATED_EVENTS) shadow.addEventListener(type, (e) => e.stopPropagation())
  document.documentElement.append(host)
  ctx.onInvalidated(() => host.remove())
  return { host, shadow, container }
}

/** Adds a style sheet to our shadow root (the card's and list's rules, with them). */
export function addShadowStyles(shadow: ShadowRoot, css: string): void {
  const style = document.createElement('style')
  style.textContent = css
  shadow.insertBefore(style, shadow.lastChild)
}

/** Events the UI handles: only the agent's own (isTrusted) ones reach it. */
const UI_EVENTS = ['click', 'auxclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'pointerenter', 'pointerleave', 'keydown', 'keyup', 'focus', 'focusin']

/**
 * Drops events a script dispatched (isTrusted false) before they reach any element of our shadow
 * root: capture listeners on the root run first. The root is closed, so a page cannot reach our
 * elements anyway; this keeps a synthetic event from doing anything should one get there.
 */
export function dropUntrustedEvents(root: ShadowRoot, ctx: ContentScriptContext): void {
  for (const type of UI_EVENTS) {
    ctx.addEventListener(
      root,
      type,
      (e: Event) => {
        if (e.isTrusted) return
        e.stopImmediatePropagation()
        e.preventDefault()
      },
      { capture: true },
    )
  }
}
