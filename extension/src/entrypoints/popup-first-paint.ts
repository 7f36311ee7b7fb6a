import { browser, defineUnlistedScript } from '#imports'
import { t } from '../lib/i18n.ts'
import { pageStorage, readFirstPaint } from '../lib/first-paint-snapshot.ts'
import { readLastList } from '../lib/last-list.ts'
import { FIRST_PAINT_LIST, FIRST_PAINT_SNAPSHOT_KEY, paintFirst, startApp, startWhenShown, type Snapshot } from './popup/first-paint.ts'

/**
 * popup.html's classic script, after #first-paint and #app (see popup/first-paint.ts). The kept first
 * screen comes from localStorage in this very task, so the rows are in the DOM before the parser moves
 * on; only when nothing is kept does it fall back to the background's copy in storage.session, a task or
 * more later; nothing when the agent last chose another list. Then it starts the app's module (startApp), which the build left for it to add: once the
 * kept rows are on screen, at once when none were drawn. It uses the browser's own API object
 * (wxt.config.ts gives this entry no polyfill).
 */
export default defineUnlistedScript(() => {
  performance.mark('first-paint:start')
  // Only while this script runs does the document know it as its current script.
  const starter = document.currentScript as HTMLScriptElement | null
  let shownFirst = false
  try {
    document.documentElement.lang = t('htmlLang')
    const paint = (snapshot: Snapshot) => {
      const root = document.getElementById('first-paint')
      const drawn = !!root && paintFirst(root, snapshot, Date.now())
      if (drawn) performance.mark('first-paint:painted')
      return drawn
    }
    // The agent last chose another list (lib/last-list.ts): the app opens on it, with no inquiries drawn first.
    const last = readLastList(pageStorage())
    const onKeptList = last === null || last === FIRST_PAINT_LIST
    const kept = onKeptList ? readFirstPaint(pageStorage()) : null
    performance.mark('first-paint:read')
    if (kept) shownFirst = paint(kept)
    else if (onKeptList)
      browser.storage.session.get(FIRST_PAINT_SNAPSHOT_KEY).then(
        (stored) => paint(stored[FIRST_PAINT_SNAPSHOT_KEY] as Snapshot),
        () => {},
      )
  } finally {
    // The kept rows get the cores until they are on screen; nothing drawn, nothing to wait for.
    if (shownFirst) startWhenShown(() => startApp(starter))
    else startApp(starter)
  }
})
