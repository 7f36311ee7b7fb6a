import type { CDPSession } from 'playwright-core'
import type { ExtensionBrowser } from './browser.ts'
import { pollUntil } from './poll.ts'

/** The extension APIs used in the service worker below (run there; typed here for the checker). */
declare const chrome: { action: { openPopup(): Promise<void> } }

/** A page of the extension that Playwright does not list (the toolbar popup, the side panel). */
export type ExtensionView = Awaited<ReturnType<typeof sessionFor>>

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
export async function attachToView(browser: ExtensionBrowser, url: string): Promise<ExtensionView> {
  const cdp = await browser.context.browser()!.newBrowserCDPSession()
  // Target creation is asynchronous in the browser: poll for it.
  const target = await pollUntil(
    async () => (await cdp.send('Target.getTargets')).targetInfos.find((t) => t.type === 'page' && t.url.startsWith(url)),
    (found) => found !== undefined,
    { what: `an extension view at ${url}` },
  )
  return sessionFor(cdp, target!.targetId)
}

/**
 * A non-flattened CDP session to one target, driven through Target.sendMessageToTarget (Playwright's
 * browser session cannot address child sessions directly).
 */
async function sessionFor(cdp: CDPSession, targetId: string) {
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false })
  type Reply = { result?: { result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } } }
  const pending = new Map<number, (reply: Reply) => void>()
  let nextId = 0
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return
    const reply = JSON.parse(event.message) as Reply & { id?: number }
    if (reply.id === undefined) return // an event, not an answer
    pending.get(reply.id)?.(reply)
    pending.delete(reply.id)
  })
  // A view that closes while a command is under way never answers it: a click that opens the side
  // panel closes the popup, sometimes before the click's own evaluation has replied. Those commands
  // end with no result instead of waiting for ever.
  let closed = false
  cdp.on('Target.detachedFromTarget', (event) => {
    if (event.sessionId !== sessionId) return
    closed = true
    for (const resolve of pending.values()) resolve({})
    pending.clear()
  })
  /** One CDP command to the view, answered by id. */
  async function call(method: string, params: object): Promise<Reply> {
    if (closed) throw new Error('The extension view has closed')
    const id = ++nextId
    const reply = new Promise<Reply>((resolve) => pending.set(id, resolve))
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
    return reply
  }
  return {
    /** Evaluates `expression` in the view (a promise it yields is awaited). */
    async evaluate<T>(expression: string): Promise<T> {
      // userGesture: clicks made here count as the agent's (the side panel opens only inside one).
      const { result } = await call('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, userGesture: true })
      if (result?.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text)
      return result?.result.value as T
    },
    /**
     * A PNG of the view as Chromium paints it: at its own size, or laid out at `size` (a side panel
     * takes any size; a popup keeps the one Chromium gave it).
     */
    async screenshot(size?: { width: number; height: number }): Promise<Buffer> {
      if (size) await call('Emulation.setDeviceMetricsOverride', { ...size, deviceScaleFactor: 1, mobile: false })
      try {
        // On a loaded machine a capture can fail while the view has no frame to give yet: ask again.
        const capture = () =>
          call('Page.captureScreenshot', { format: 'png' }) as Promise<{ result?: { data?: string }; error?: { message?: string } }>
        const { result, error } = await pollUntil(capture, (reply) => reply.result?.data !== undefined, {
          what: 'a capture of the extension view',
        }).catch(async () => capture())
        if (!result?.data)
          throw new Error(`The extension view could not be captured: ${closed ? 'it closed' : (error?.message ?? 'no image')}`)
        return Buffer.from(result.data, 'base64')
      } finally {
        if (size) await call('Emulation.clearDeviceMetricsOverride', {})
      }
    },
    async detach() {
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {})
      await cdp.detach().catch(() => {})
    },
  }
}
