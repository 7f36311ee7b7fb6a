import { browser, defineUnlistedScript } from '#imports'
import { t } from '../lib/i18n.ts'
import { FIRST_PAINT_SNAPSHOT_KEY, paintFirst } from './popup/first-paint.ts'

/**
 * popup.html's classic script, run before its module bundle has loaded (see popup/first-paint.ts).
 * The browser's own API object (wxt.config.ts gives this entry no polyfill): one storage read, then DOM.
 */
export default defineUnlistedScript(() => {
  const root = document.getElementById('first-paint')
  if (!root) return
  document.documentElement.lang = t('htmlLang')
  browser.storage.session.get(FIRST_PAINT_SNAPSHOT_KEY).then(
    (stored) => void paintFirst(root, stored[FIRST_PAINT_SNAPSHOT_KEY] as Parameters<typeof paintFirst>[1], Date.now()),
    () => {},
  )
})
