import type { PageId } from '../lib/messages.ts'

/*
What one tab keeps in storage.session for its badge and the popup: the union of its frames' IDs
(pageIdsKey, the popup's list) and each frame's share of it (frameIdsKey). storage.session holds
10 MB for the whole extension, so each tab is capped: one conversation of many frames must not fill
it, make every report read and write megabytes, or crowd out other tabs' popup snapshots.
*/

/**
 * The most one tab keeps in storage.session, as Chrome counts it (getBytesInUse: its estimate of the
 * memory each value takes, several times the JSON's size). Enough for 1,000 IDs, so the badge can still
 * say "999+"; 10 MB holds 40 tabs that full.
 */
export const TAB_STORAGE_BYTES = 256 * 1024

/** One frame's report: its IDs, and when it came (larger is newer). */
export type FrameReport = { ids: PageId[]; seq: number }

/**
 * Each frame's share as stored: one line per frame, "<frame> <seq> <places in the union>" (each ID
 * is stored once, in the union). One string: Chrome counts a string by its length, but every
 * number in an array as a value of its own.
 */
export type StoredFrames = string

/** A tab's IDs: each frame's report, and the union shown on the badge and in the popup. */
export type TabIds = { frames: Map<number, FrameReport>; union: PageId[] }

/** An upper bound of what Chrome counts for one {id, kind} entry of the union: too high fills a tab early, too low overflows storage. */
const entryBytes = (p: PageId) => 2 * (p.id.length + p.kind.length) + 160
/** A place in the union with its comma (the capped union has fewer than 10,000 entries). */
const PLACE_BYTES = 5
/** A frame's line without its places. */
const FRAME_BYTES = 32

/** Distinct IDs (first occurrence wins, order kept), keeping only well-formed entries. */
export function distinctIds(lists: readonly (readonly PageId[])[]): PageId[] {
  const seen = new Set<string>()
  const out: PageId[] = []
  for (const list of lists) {
    for (const p of list) {
      if (typeof p?.id !== 'string' || typeof p.kind !== 'string' || seen.has(p.id)) continue
      seen.add(p.id)
      out.push({ id: p.id, kind: p.kind })
    }
  }
  return out
}

/** The union's order: the top frame's IDs first, then each other frame's in frame order. */
const unionOf = (frames: Map<number, FrameReport>) =>
  distinctIds([...frames.keys()].sort((a, b) => a - b).map((frame) => frames.get(frame)!.ids))

/**
 * Fits a tab's frames into `cap` bytes: the frame that reports now first, then the top frame (the
 * page itself), then the others newest first, each kept whole while it fits. The first that does
 * not fit is cut short (its first IDs kept: reading order) and the older ones are dropped.
 */
export function fitTab(frames: Map<number, FrameReport>, current: number, cap = TAB_STORAGE_BYTES): TabIds {
  const rank = (frame: number) => (frame === current ? 2 : frame === 0 ? 1 : 0)
  const order = [...frames.keys()].sort((a, b) => rank(b) - rank(a) || frames.get(b)!.seq - frames.get(a)!.seq)
  const kept = new Map<number, FrameReport>()
  const seen = new Set<string>()
  // The two values' brackets.
  let bytes = 4
  for (const frame of order) {
    const report = frames.get(frame)!
    bytes += FRAME_BYTES
    const ids: PageId[] = []
    for (const p of report.ids) {
      const cost = PLACE_BYTES + (seen.has(p.id) ? 0 : entryBytes(p))
      if (bytes + cost > cap) break
      bytes += cost
      seen.add(p.id)
      ids.push(p)
    }
    if (ids.length > 0) kept.set(frame, { ids, seq: report.seq })
    if (ids.length < report.ids.length) break
  }
  return { frames: kept, union: unionOf(kept) }
}

/** The frames as stored next to the union: each ID once, in the union, and places in it per frame. */
export function storedFrames({ frames, union }: TabIds): StoredFrames {
  const place = new Map(union.map((p, i) => [p.id, i]))
  return [...frames].map(([frame, report]) => `${frame} ${report.seq} ${report.ids.map((p) => place.get(p.id)!).join(',')}`).join('\n')
}

/** The frames back from storage (anything malformed is left out). */
export function framesFromStorage(union: readonly PageId[] | null, stored: StoredFrames | null): Map<number, FrameReport> {
  const frames = new Map<number, FrameReport>()
  if (!Array.isArray(union) || typeof stored !== 'string') return frames
  for (const line of stored.split('\n')) {
    const [frame, seq, places] = line.split(' ')
    const ids = (places ?? '')
      .split(',')
      .map((i) => union[Number(i)])
      .filter((p): p is PageId => p !== undefined)
    if (ids.length > 0 && frame && Number.isInteger(Number(frame))) frames.set(Number(frame), { ids, seq: Number(seq) || 0 })
  }
  return frames
}
