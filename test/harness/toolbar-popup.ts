import type { CDPSession } from 'playwright-core'
import type { ExtensionBrowser } from './browser.ts'

/** The extension APIs used in the service worker below (run there; typed here for the checker). */
declare const chrome: { action: { openPopup(): Promise<void> } }

/** A page of the extension that Playwright does not list (the toolbar popup, the side panel). */
export type ExtensionView = {
  /** Evaluates `expression` (an async function body is fine: the result is awaited) in the view. */
  evaluate<T>(expression: string): Promise<T>
  /** Polls `expression` until it is truthy; returns its value. */
  waitFor<T>(expression: string, timeoutMs?: number): Promise<T>
  detach(): Promise<void>
}

/**
 * Opens the real toolbar popup over the active tab, as the agent's click on the toolbar button does
 * (`chrome.action.openPopup()` from the service worker), and attaches to it over CDP. Playwright
 * does not surface the popup as a page, so the popup's DOM is reached through Runtime.evaluate.
 * Unlike popup.html opened as a tab, this popup sees the tab it was opened over.
 */
export async function openToolbarPopup(browser: ExtensionBrowser): Promise<ExtensionView> {
  await browser.background.evaluate(() => chrome.action.openPopup())
  return attachToView(browser, browser.pageUrl('popup.html'))
}

/** Attaches to the extension view at `url` once Chromium has created it (the side panel, the popup). */
export async function attachToView(browser: ExtensionBrowser, url: string, timeoutMs = 15_000): Promise<ExtensionView> {
  const cdp = await browser.context.browser()!.newBrowserCDPSession()
  const deadline = Date.now() + timeoutMs
  let targetId: string | undefined
  while (!targetId) {
    const { targetInfos } = await cdp.send('Target.getTargets')
    targetId = targetInfos.find((t) => t.type === 'page' && t.url.startsWith(url))?.targetId
    if (!targetId && Date.now() > deadline) throw new Error(`No extension view at ${url}`)
    // Target creation is asynchronous in the browser: poll for it.
    if (!targetId) await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const view = await sessionFor(cdp, targetId)
  return {
    ...view,
    async waitFor<T>(expression: string, waitMs = 15_000) {
      const until = Date.now() + waitMs
      for (;;) {
        const value = await view.evaluate<T>(expression)
        if (value) return value
        if (Date.now() > until) throw new Error(`Timed out waiting for ${expression}`)
        await new Promise((resolve) => setTimeout(resolve, 100)) // poll interval
      }
    },
  }
}

/**
 * A non-flattened CDP session to one target, driven through Target.sendMessageToTarget (Playwright's
 * browser session cannot address child sessions directly).
 */
async function sessionFor(cdp: CDPSession, targetId: string) {
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false })
  const pending = new Map<number, (reply: { result?: { result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } } }) => void>()
  let nextId = 0
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return
    const reply = JSON.parse(event.message) as { id?: number }
    if (reply.id !== undefined) pending.get(reply.id)?.(reply as never)
    if (reply.id !== undefined) pending.delete(reply.id)
  })
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const id = ++nextId
      const reply = new Promise<Parameters<NonNullable<ReturnType<typeof pending.get>>>[0]>((resolve) => pending.set(id, resolve))
      // userGesture: clicks made here count as the agent's (the side panel opens only inside one).
      const params = { expression, awaitPromise: true, returnByValue: true, userGesture: true }
      await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.evaluate', params }) })
      const { result } = await reply
      if (result?.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text)
      return result?.result.value as T
    },
    async detach() {
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {})
      await cdp.detach().catch(() => {})
    },
  }
}
