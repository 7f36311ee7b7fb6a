import type { CDPSession, Page } from 'playwright-core'
import { markBoxesIn, trackContexts, type MarkBox } from './mark-boxes.ts'

export type ContentScriptWorld<T> = {
  stats(): Promise<T | null>
  /** The boxes our marks are drawn as ([] before the first). */
  markBoxes(): Promise<MarkBox[]>
  /** Evaluates `expression` there (a promise it yields is awaited); null while no world there holds our content script. */
  evaluate<R>(expression: string): Promise<R | null>
  cdp: CDPSession
}

/**
 * Reads the inline-lookups content script's figures (`globalThis.__idvLens.inline.stats()`) and the
 * boxes its marks are drawn as from its isolated world over CDP: the page's own scripts cannot see
 * that world. Attach before or after navigating: enabling Runtime reports the worlds already there. All
 * read the top frame's copy.
 */
export async function contentScriptWorld<T = Record<string, unknown>>(page: Page): Promise<ContentScriptWorld<T>> {
  const cdp = await page.context().newCDPSession(page)
  const contexts = await trackContexts(cdp)
  const topFrame = async () => ((await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } }).frameTree.frame.id
  async function evaluate<R>(expression: string): Promise<R | null> {
    const frameId = await topFrame()
    const top = contexts.filter((c) => c.auxData?.type === 'isolated' && c.auxData.frameId === frameId).reverse()
    for (const ctx of top) {
      const res = (await cdp
        .send('Runtime.evaluate', {
          contextId: ctx.id,
          // The value goes back as JSON: undefined when this world is not the content script's.
          expression: `(async () => globalThis.__idvLens?.inline ? JSON.stringify(await (${expression})) : undefined)()`,
          returnByValue: true,
          awaitPromise: true,
        })
        .catch(() => null)) as { result?: { value?: string } } | null
      if (typeof res?.result?.value === 'string') return JSON.parse(res.result.value) as R
    }
    return null
  }
  return {
    cdp,
    evaluate,
    stats: () => evaluate<T>('globalThis.__idvLens.inline.stats()'),
    markBoxes: async () => (await markBoxesIn(cdp, contexts, await topFrame())) ?? [],
  }
}
