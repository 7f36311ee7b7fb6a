import type { PersonaInquirySession } from '@idv-lens/shared/api'

/**
 * The popup's first screen, kept where a classic script can read it synchronously: the extension
 * origin's localStorage. storage.session answers asynchronously (a task or more after the page's
 * first script) and is empty after a browser restart; localStorage answers in the same task and
 * survives the restart, so the first paint needs nothing awaited.
 *
 * It is on disk, so it holds only what the first screen's rows show (the ten newest sessions' IDs,
 * status, threat, country, device and creation time; no names, no reference IDs, no fields behind
 * them) and which relay they came from. Content scripts cannot read it (they run in the page's
 * origin). It is forgotten whenever the relay address, the token or the sign-in changes, and when
 * the relay refuses the agent (stores/first-paint-keeper.ts).
 */
export const FIRST_PAINT_STORAGE_KEY = 'idv-lens.popup.first-paint'

/** The attributes a session row shows (components/rows/SessionRow.tsx); nothing else is kept. */
const SHOWN_ATTRIBUTES = ['status', 'threat-level', 'country-code', 'country-name', 'device-type', 'created-at'] as const

export type FirstPaintSnapshot = {
  /** The relay the rows came from (settings' workerUrl when they were kept). */
  relay: string
  /** When the relay's answer was fetched from the vendor (ms): the first paint says how old it is. */
  fetchedAt: number
  items: PersonaInquirySession[]
}

/** The extension page's localStorage, or nothing (the service worker has none; a locked-down profile may throw). */
export function pageStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

function shownPart(item: PersonaInquirySession): PersonaInquirySession {
  const attributes: Record<string, unknown> = {}
  for (const name of SHOWN_ATTRIBUTES) if (item.attributes[name] != null) attributes[name] = item.attributes[name]
  return { type: item.type, id: item.id, attributes } as PersonaInquirySession
}

// The parameters are `store`, not `storage`: named `storage`, WXT's build pulled its own storage
// module (about 9 kB raw) into popup-first-paint.js (seen in the built file), which must stay small.
export function keepFirstPaint(store: Storage | null, snapshot: FirstPaintSnapshot): void {
  if (!store || !snapshot.relay) return
  const kept: FirstPaintSnapshot = { relay: snapshot.relay, fetchedAt: snapshot.fetchedAt, items: snapshot.items.map(shownPart) }
  try {
    store.setItem(FIRST_PAINT_STORAGE_KEY, JSON.stringify(kept))
  } catch {
    // Quota or a disabled store: the popup opens as it did without one.
  }
}

const isSnapshot = (value: unknown): value is FirstPaintSnapshot => {
  const v = value as FirstPaintSnapshot | null
  return (
    typeof v === 'object' && v !== null && typeof v.relay === 'string' && typeof v.fetchedAt === 'number' && Array.isArray(v.items) && v.items.every((item) => typeof item?.id === 'string' && typeof item.attributes === 'object' && item.attributes !== null)
  )
}

/** The kept first screen, or null (none, or not one this version wrote). */
export function readFirstPaint(store: Storage | null): FirstPaintSnapshot | null {
  try {
    const parsed: unknown = JSON.parse(store?.getItem(FIRST_PAINT_STORAGE_KEY) ?? 'null')
    return isSnapshot(parsed) ? parsed : null
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
