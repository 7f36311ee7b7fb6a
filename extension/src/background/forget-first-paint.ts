import { forgetFirstPaint, pageStorage } from '../lib/first-paint-snapshot.ts'

/** The part of chrome.offscreen used here (https://developer.chrome.com/docs/extensions/reference/api/offscreen). */
export type OffscreenApi = {
  createDocument(params: { url: string; reasons: string[]; justification: string }): Promise<void>
  closeDocument(): Promise<void>
}

/** The page that forgets it (entrypoints/forget-first-paint/). */
export const FORGET_FIRST_PAINT_PAGE = '/forget-first-paint.html'

const chromeOffscreen = (): OffscreenApi | undefined => (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen

/**
 * Forgets the popup's kept first screen (lib/first-paint-snapshot.ts) from the background, when
 * settings change with no extension page open to do it (a policy pushed, another profile tool).
 * Firefox's background is a page: its own localStorage is the extension origin's. Chrome's service
 * worker has none: an offscreen document with the LOCAL_STORAGE reason does it, and
 * createDocument resolves only once that page has loaded (its script has run), so it is closed
 * right after.
 */
export async function forgetFirstPaintFromBackground(storage: Storage | null = pageStorage(), offscreen: OffscreenApi | undefined = chromeOffscreen()): Promise<void> {
  if (storage) return forgetFirstPaint(storage)
  if (!offscreen) return
  try {
    await offscreen.createDocument({ url: FORGET_FIRST_PAINT_PAGE, reasons: ['LOCAL_STORAGE'], justification: "Forget the popup's kept first screen after the relay or token changed" })
  } catch {
    // One is open already (two changes in a row): it forgets the same key.
    return
  }
  await offscreen.closeDocument().catch(() => {})
}
