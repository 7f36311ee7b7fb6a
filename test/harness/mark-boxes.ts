import type { CDPSession } from 'playwright-core'
import { MARKS_TAG } from '../../extension/src/content/marks/mark-layer.ts'

/*
Marks are boxes in the content script's closed shadow root (extension/src/content/marks/): the
page, and so Playwright's page-world evaluation, cannot reach them. The extension's own world can
(`chrome.dom.openOrClosedShadowRoot` in Chrome; Firefox's WebDriver BiDi serializes closed roots),
so the browser tests read the boxes there, as the content script sees what it drew. Its
`performance.now()` shares the page's time origin, so a time read there is on the page's clock.
*/

/** One box drawn over a mark: its place on screen, the page's text under it, and its look. */
export type MarkBox = { x: number; y: number; width: number; height: number; text: string; look: string }

/**
 * A function of our shadow root (or null) returning the boxes in it as JSON. The text under a box is
 * the page's, between the caret positions just inside its left and right edges (our host lets hit
 * tests through to the page; the page's open shadow roots are named, so a caret in a component's
 * text is not retargeted to its host).
 */
export const READ_MARK_BOXES = `(root) => {
  if (!root) return '[]'
  const shadowRoots = []
  const collect = (at) => {
    for (const el of at.querySelectorAll('*')) if (el.shadowRoot) shadowRoots.push(el.shadowRoot), collect(el.shadowRoot)
  }
  collect(document)
  const caret = (x, y) => {
    if (typeof document.caretPositionFromPoint === 'function') {
      const p = document.caretPositionFromPoint(x, y, { shadowRoots })
      return p ? { node: p.offsetNode, offset: p.offset } : null
    }
    const r = document.caretRangeFromPoint(x, y)
    return r ? { node: r.startContainer, offset: r.startOffset } : null
  }
  return JSON.stringify(Array.from(root.querySelectorAll('b'), (b) => {
    const r = b.getBoundingClientRect()
    const y = r.top + r.height / 2
    const from = caret(r.left + 1, y)
    const to = caret(r.right - 1, y)
    let text = ''
    try {
      const range = document.createRange()
      range.setStart(from.node, from.offset)
      range.setEnd(to.node, to.offset)
      text = range.toString()
    } catch {}
    const s = getComputedStyle(b)
    return { x: r.x, y: r.y, width: r.width, height: r.height, text, look: [s.backgroundColor, s.borderBottomStyle, s.borderBottomWidth, s.borderBottomColor].join(' ') }
  }))
}`

/**
 * A mark's look as its style computes (what READ_MARK_BOXES reports), for `page.evaluate(markLook, style)`
 * in Playwright or Puppeteer: it runs in the page, so it uses nothing from here.
 */
export const markLook = (style: string): string => {
  const probe = document.createElement('div')
  probe.style.cssText = style
  document.body.append(probe)
  const s = getComputedStyle(probe)
  const look = [s.backgroundColor, s.borderBottomStyle, s.borderBottomWidth, s.borderBottomColor].join(' ')
  probe.remove()
  return look
}

/** An expression for the content script's world in Chrome: how many boxes are drawn (nothing is laid out or hit-tested to count them). */
export const MARK_BOX_COUNT_EXPRESSION = `(() => { const host = document.querySelector(${JSON.stringify(MARKS_TAG)}); return host ? chrome.dom.openOrClosedShadowRoot(host).querySelectorAll('b').length : 0 })()`

/** An expression for the content script's world in Chrome: the boxes of that frame's marks, as JSON. */
export const MARK_BOXES_EXPRESSION = `(${READ_MARK_BOXES})((() => { const host = document.querySelector(${JSON.stringify(MARKS_TAG)}); return host ? chrome.dom.openOrClosedShadowRoot(host) : null })())`

type Context = { id: number; auxData?: { type?: string; frameId?: string } }

/**
 * The boxes drawn in one frame, read in the content script's world of that frame over `cdp` (its
 * Runtime domain enabled, `contexts` the execution contexts it reported). Null when no world there
 * holds our content script.
 */
export async function markBoxesIn(cdp: CDPSession, contexts: Context[], frameId: string): Promise<MarkBox[] | null> {
  const worlds = contexts.filter((c) => c.auxData?.type === 'isolated' && c.auxData.frameId === frameId).reverse()
  for (const ctx of worlds) {
    const res = (await cdp
      .send('Runtime.evaluate', {
        contextId: ctx.id,
        // Only the content script's world has chrome.dom (and __idvLens.inline).
        expression: `globalThis.__idvLens?.inline && globalThis.chrome?.dom ? ${MARK_BOXES_EXPRESSION} : null`,
        returnByValue: true,
      })
      .catch(() => null)) as { result?: { value?: string | null } } | null
    if (typeof res?.result?.value === 'string') return JSON.parse(res.result.value) as MarkBox[]
  }
  return null
}

/** The execution contexts a CDP session reports, kept up to date (Runtime enabled). */
export async function trackContexts(cdp: CDPSession): Promise<Context[]> {
  const contexts: Context[] = []
  cdp.on('Runtime.executionContextCreated', (e: { context: Context }) => contexts.push(e.context))
  cdp.on('Runtime.executionContextDestroyed', (e: { executionContextId: number }) => {
    const at = contexts.findIndex((c) => c.id === e.executionContextId)
    if (at >= 0) contexts.splice(at, 1)
  })
  cdp.on('Runtime.executionContextsCleared', () => contexts.splice(0))
  await cdp.send('Runtime.enable')
  return contexts
}
