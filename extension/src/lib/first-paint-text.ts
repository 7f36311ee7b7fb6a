import { exactTime, parseTime } from './format.ts'
import type { FirstPaintItem, FirstPaintText } from './first-paint-snapshot.ts'
import { uiLanguage } from './i18n.ts'
import { relativePhrases } from './relative-phrases.ts'

/**
 * What the popup's first paint writes for `items` (kept with them, lib/first-paint-snapshot.ts),
 * formatted here, where the page has its Intl formatters anyway: each row's exact creation time, the exact time of the answer, and the relative-time phrases of the UI language.
 */
export function firstPaintText(items: readonly FirstPaintItem[], fetchedAt: number): FirstPaintText {
  const rows: FirstPaintText['rows'] = {}
  for (const { id, attributes } of items) {
    const created = parseTime(attributes['created-at'])
    rows[id] = { created: created === null ? null : exactTime(created) }
  }
  return { lang: uiLanguage(), relative: relativePhrases(), fetched: exactTime(fetchedAt), rows }
}
