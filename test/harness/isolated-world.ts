import type { CDPSession, Page } from 'playwright-core'

type Context = { id: number; name: string; auxData?: { type?: string; frameId?: string } }

/**
 * Reads the inline-lookups content script's figures (`globalThis.__idvLensInline.stats()`) from its
 * isolated world over CDP: the page's own scripts cannot see that world. Attach before navigating,
 * so the world's creation is seen. `stats()` reads the top frame's copy.
 */
export async function contentScriptWorld<T = Record<string, unknown>>(page: Page): Promise<{ stats(): Promise<T | null>; cdp: CDPSession }> {
  const cdp = await page.context().newCDPSession(page)
  const contexts: Context[] = []
  cdp.on('Runtime.executionContextCreated', (e: { context: Context }) => contexts.push(e.context))
  await cdp.send('Runtime.enable')
  return {
    cdp,
    async stats() {
      const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } }
      const top = contexts.filter((c) => c.auxData?.type === 'isolated' && c.auxData.frameId === frameTree.frame.id).reverse()
      for (const ctx of top) {
        const res = (await cdp
          .send('Runtime.evaluate', {
            contextId: ctx.id,
            expression: 'globalThis.__idvLensInline ? JSON.stringify(globalThis.__idvLensInline.stats()) : null',
            returnByValue: true,
          })
          .catch(() => null)) as { result?: { value?: string | null } } | null
        if (res?.result?.value) return JSON.parse(res.result.value) as T
      }
      return null
    },
  }
}
