import { browser, defineUnlistedScript } from '#imports'
import { t } from '../lib/i18n.ts'
import { FIRST_PAINT_SNAPSHOT_KEY, paintFirst } from './popup/first-paint.ts'

/**
 * popup.html's classic script, run before its module bundle has loaded (see popup/first-paint.ts).
 * The browser's own API object (wxt.config.ts gives this entry no polyfill): one storage read, then DOM.
 */
export default defineUnlistedScript(() => {
  performance.mark('first-paint:start')
  document.documentElement.lang = t('htmlLang')
  const read = browser.storage.session.get(FIRST_PAINT_SNAPSHOT_KEY)
  const paint = (stored: Record<string, unknown>) => {
    const root = document.getElementById('first-paint')
    if (root) paintFirst(root, stored[FIRST_PAINT_SNAPSHOT_KEY] as Parameters<typeof paintFirst>[1], Date.now())
  }
  read.then(
    (stored) => {
      performance.mark('first-paint:read')
      // Run from the head: storage may answer before the parser has reached #first-paint. The app's
      // module runs only once parsing has ended (readyState 'interactive'): waiting for that never
      // loses the race.
      if (document.getElementById('first-paint') || document.readyState !== 'loading') paint(stored)
      else document.addEventListener('readystatechange', () => paint(stored), { once: true })
    },
    () => {},
  )
})
