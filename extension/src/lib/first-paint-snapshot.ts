import type { MessageKey } from './i18n.ts'
import type { RelativePhrases } from './relative-phrases.ts'
import { FIRST_PAINT_STORAGE_KEY } from './first-paint-key.ts'

/** What a row of the popup's list may draw from disk; nothing else is kept. */
const SHOWN_ATTRIBUTES = ['status', 'created-at'] as const

/**
 * A row of the list the popup opens on (vendors/vendor.ts `opensPopup`): a record with attributes,
 * of which the first paint draws the status and the creation time.
 */
export type FirstPaintItem = {
  type?: string
  id: string
  attributes: { status?: string | null; 'created-at'?: string | null } & Record<string, unknown>
}

export type FirstPaintSnapshot = {
  /** The relay the rows came from (settings' workerUrl when they were kept). */
  relay: string
  /** When the relay's answer was fetched from the vendor (ms): the first paint says how old it is. */
  fetchedAt: number
  items: FirstPaintItem[]
  /** The popup's tab names (pages/surface-tab.ts POPUP_TAB_NAMES): the first paint cannot ask the registry. */
  tabs: readonly MessageKey[]
  text?: FirstPaintText
}

/**
 * The first screen's words, made by the page that kept it: the first paint writes them as they are
 * and builds no Intl formatter (lib/relative-phrases.ts says what one costs). Only for the UI
 * language they were made in; in another, the first paint formats them itself.
 */
export type FirstPaintText = {
  lang: string
  relative: RelativePhrases
  /** `fetchedAt` as the freshness line's tooltip says it. */
  fetched: string
  /** Per inquiry ID, what its row shows formatted: the exact creation time. */
  rows: Record<string, { created: string | null }>
}

/** The extension page's localStorage, or nothing (the service worker has none; a locked-down profile may throw). */
export function pageStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

function shownPart(item: FirstPaintItem): FirstPaintItem {
  const attributes: FirstPaintItem['attributes'] = {}
  for (const name of SHOWN_ATTRIBUTES) if (item.attributes[name] != null) attributes[name] = item.attributes[name]
  return { type: item.type, id: item.id, attributes }
}

// The parameters are `store`, not `storage`: named `storage`, WXT's build pulled its own storage
// module (about 9 kB raw) into popup-first-paint.js (seen in the built file), which must stay small.
export function keepFirstPaint(store: Storage | null, snapshot: FirstPaintSnapshot): void {
  if (!store || !snapshot.relay) return
  const kept: FirstPaintSnapshot = {
    relay: snapshot.relay,
    fetchedAt: snapshot.fetchedAt,
    items: snapshot.items.map(shownPart),
    tabs: snapshot.tabs,
    text: snapshot.text,
  }
  try {
    store.setItem(FIRST_PAINT_STORAGE_KEY, JSON.stringify(kept))
  } catch {
    // Quota or a disabled store: the popup opens as it did without one.
  }
}

/** Whether `tabs` names tabs: a copy kept before the first paint read its tabs here has none. */
export const namesTabs = (tabs: unknown): tabs is readonly MessageKey[] =>
  Array.isArray(tabs) && tabs.length > 0 && tabs.every((tab) => typeof tab === 'string')

const isSnapshot = (value: unknown): value is FirstPaintSnapshot => {
  const v = value as FirstPaintSnapshot | null
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.relay === 'string' &&
    typeof v.fetchedAt === 'number' &&
    namesTabs(v.tabs) &&
    Array.isArray(v.items) &&
    v.items.every((item) => typeof item?.id === 'string' && typeof item.attributes === 'object' && item.attributes !== null)
  )
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

const isText = (value: unknown): value is FirstPaintText => {
  const v = value as FirstPaintText | null
  const past = isObject(v) && isObject(v.relative) ? v.relative.past : null
  return (
    isObject(v) &&
    typeof v.lang === 'string' &&
    typeof v.fetched === 'string' &&
    isObject(v.rows) &&
    typeof v.relative.now === 'string' &&
    isObject(past) &&
    Object.values(past).every(
      (unit) =>
        isObject(unit) && typeof unit.upTo === 'number' && isObject(unit.own) && (unit.phrase === null || typeof unit.phrase === 'string'),
    )
  )
}

/** The kept first screen, or null (none, or not one this version wrote); its text only when it is whole. */
export function readFirstPaint(store: Storage | null): FirstPaintSnapshot | null {
  try {
    const parsed: unknown = JSON.parse(store?.getItem(FIRST_PAINT_STORAGE_KEY) ?? 'null')
    if (!isSnapshot(parsed)) return null
    if (parsed.text !== undefined && !isText(parsed.text)) delete parsed.text
    return parsed
  } catch {
    return null
  }
}

export function forgetFirstPaint(store: Storage | null): void {
  try {
    store?.removeItem(FIRST_PAINT_STORAGE_KEY)
  } catch {
    // Nothing kept, nothing to forget.
  }
}
