/** The part of chrome.offscreen used here (https://developer.chrome.com/docs/extensions/reference/api/offscreen). */
export type OffscreenApi = {
  createDocument(params: { url: string; reasons: string[]; justification: string }): Promise<void>
  closeDocument(): Promise<void>
}

/** One of our hidden pages, and why Chrome lets it open (its reasons and justification). */
export type OffscreenPage = { url: string; reasons: string[]; justification: string }

/** A hidden page of ours; `justification` is for the browser (never shown), so it is not translated. */
export const offscreenPage = (url: string, reason: 'LOCAL_STORAGE' | 'CLIPBOARD', justification: string): OffscreenPage => ({
  url,
  reasons: [reason],
  justification,
})

export type OffscreenDocuments = {
  /**
   * Runs `work` while `page` is open as the offscreen document; resolves or rejects as `work` does
   * (or as opening the page did). createDocument resolves once the page has loaded: its script has run.
   */
  use<T>(page: OffscreenPage, work: () => Promise<T>): Promise<T>
}

/**
 * Chrome allows an extension one offscreen document at a time, so its uses (forgetting the popup's
 * first screen, writing the clipboard) take turns. A use opens its page, or finds it open for the
 * use before it; once no use waits, the document is closed, in a `finally`, whatever the work did.
 * A document left open by a worker that stopped in the middle of a use is closed and the page
 * opened again (once).
 */
export function createOffscreenDocuments(api: OffscreenApi): OffscreenDocuments {
  let turn: Promise<unknown> = Promise.resolve()
  let open: string | null = null
  let waiting = 0

  async function close(): Promise<void> {
    open = null
    await api.closeDocument().catch(() => {})
  }

  async function openPage(page: OffscreenPage): Promise<void> {
    if (open === page.url) return
    if (open !== null) await close()
    try {
      await api.createDocument(page)
    } catch {
      await close()
      await api.createDocument(page)
    }
    open = page.url
  }

  return {
    use(page, work) {
      waiting++
      const run = turn.then(async () => {
        try {
          await openPage(page)
          return await work()
        } finally {
          if (--waiting === 0 && open !== null) await close()
        }
      })
      turn = run.catch(() => {})
      return run
    },
  }
}

let shared: OffscreenDocuments | undefined

/** The background's one manager of Chrome's offscreen document; undefined where there is no chrome.offscreen (Firefox). */
export function offscreenDocuments(): OffscreenDocuments | undefined {
  const api = (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen
  if (!api) return undefined
  return (shared ??= createOffscreenDocuments(api))
}
