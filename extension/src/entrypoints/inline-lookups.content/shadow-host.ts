import type { ContentScriptContext } from '#imports'
import type { UiHost } from '../../content/ui-host.ts'

/** Keys typed in our UI must not reach the helpdesk's own shortcuts. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress']

/**
 * Fills our UI host (content/ui-host.ts: after <body>, with a closed shadow root, so the page's own
 * tree and styles stay as they were, neither side's CSS reaches the other, and the page can neither
 * read a card nor click our buttons) and puts it in the page if the marks' host has not yet; the
 * content script removes it when invalidated. Made by hand rather than with WXT's createShadowRootUi
 * (its mounting helpers were a quarter of what every frame loaded at document_start); the same
 * structure: a style reset, our style sheet, one container.
 */
export function mountShadowHost(ui: UiHost, css: string): { host: HTMLElement; shadow: ShadowRoot; container: HTMLDivElement } {
  const { host, shadow } = ui
  const style = document.createElement('style')
  style.textContent = css
  const container = document.createElement('div')
  // Where our scheme is set (base.css), inside the root: a page's rules on the host do not reach it.
  container.className = 'theme'
  shadow.append(style, container)
  for (const type of ISOLATED_EVENTS) shadow.addEventListener(type, (e) => e.stopPropagation())
  ui.attach()
  return { host, shadow, container }
}

/** Adds a style sheet to our shadow root (the card's and list's rules, with them). */
export function addShadowStyles(shadow: ShadowRoot, css: string): void {
  const style = document.createElement('style')
  style.textContent = css
  shadow.insertBefore(style, shadow.lastChild)
}

/** Events the UI handles: only the agent's own (isTrusted) ones reach it. */
const UI_EVENTS = [
  'click',
  'auxclick',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'pointerenter',
  'pointerleave',
  'keydown',
  'keyup',
  'focus',
  'focusin',
]

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
