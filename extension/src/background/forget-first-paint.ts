import { forgetFirstPaint, pageStorage } from '../lib/first-paint-snapshot.ts'
import { offscreenDocuments, offscreenPage, type OffscreenDocuments } from './offscreen-document.ts'

/** The page that forgets it (entrypoints/forget-first-paint/). */
export const FORGET_FIRST_PAINT_PAGE = offscreenPage(
  '/forget-first-paint.html',
  'LOCAL_STORAGE',
  "Forget the popup's kept first screen after the relay or token changed",
)

/**
 * Forgets the popup's kept first screen (lib/first-paint-snapshot.ts) from the background, when
 * settings change with no extension page open to do it (a policy pushed, another profile tool).
 * Firefox's background is a page: its own localStorage is the extension origin's. Chrome's service
 * worker has none: the page that forgets it opens as the offscreen document (with the LOCAL_STORAGE
 * reason); its script has run once it has loaded, so nothing else is asked of it.
 */
export async function forgetFirstPaintFromBackground(
  storage: Storage | null = pageStorage(),
  documents: OffscreenDocuments | undefined = offscreenDocuments(),
): Promise<void> {
  if (storage) return forgetFirstPaint(storage)
  await documents?.use(FORGET_FIRST_PAINT_PAGE, async () => {}).catch(() => {})
}
