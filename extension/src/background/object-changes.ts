import { sendToContent } from '../lib/content-messages.ts'
import { onMessage } from '../lib/messages.ts'
import { changedObjectsItem, isChangeableId, type ChangedObjects } from '../lib/change-notice.ts'
import { checkId, requireExtensionPage, RefusedMessage, type Sender } from './sender-policy.ts'
import { framesHolding } from './tab-badge.ts'

/** At most this many IDs per announcement (a live batch, a watch re-check of every watch). */
export const MAX_CHANGED_IDS = 100
/**
 * Each announcement is made again this long after: the relay hands a vendor answer younger than its
 * refresh floor (5 s, worker/src/gate/limits.ts) to every identical call, a refresh too, so a re-read
 * right after the change can get the copy from before it. The second re-read is past the floor.
 */
export const SECOND_READ_MS = 6000

export type ChangeAnnouncerDeps = {
  /** Tells every extension page (storage.session: detail, lists). */
  publish: (change: ChangedObjects) => Promise<void>
  /** Tells the frames that reported some of the IDs, each only of its own (a card re-reads its answer). */
  tellFrames: (ids: string[]) => Promise<void>
  now: () => number
  /** Runs `fn` after `ms` (tests pass their own clock's). */
  later: (fn: () => void, ms: number) => void
}

/**
 * The extension's one way to say "object X changed, re-read it": an action, a live event and a
 * watch re-check all announce here, and the open detail, the lists and the cards re-read the
 * object past the relay's cache, now and once more after SECOND_READ_MS. None is dropped as a repeat:
 * one that follows another closely (an action just after a live event) may bring a newer state.
 */
export function createChangeAnnouncer(deps: ChangeAnnouncerDeps) {
  let seq = 0
  const tell = async (ids: string[]) => {
    await Promise.all([deps.publish({ ids, at: deps.now(), seq: ++seq }).catch(() => {}), deps.tellFrames(ids).catch(() => {})])
  }
  return async function announceChanged(ids: readonly string[]): Promise<string[]> {
    const fresh = [...new Set(ids)].filter(isChangeableId).slice(0, MAX_CHANGED_IDS)
    if (fresh.length === 0) return []
    await tell(fresh)
    deps.later(() => void tell(fresh), SECOND_READ_MS)
    return fresh
  }
}

export type AnnounceChanged = ReturnType<typeof createChangeAnnouncer>

/** Each frame that reported some of `ids` hears of those alone (its own IDs: nothing the page did not have). */
async function tellFramesHolding(ids: string[]): Promise<void> {
  for (const { tabId, frameId, held } of await framesHolding(ids)) {
    void sendToContent('objectsChanged', { ids: held }, { tabId, frameId }).catch(() => {})
  }
}

export const browserChangeAnnouncer = (): AnnounceChanged =>
  createChangeAnnouncer({
    publish: (change) => changedObjectsItem.setValue(change),
    tellFrames: tellFramesHolding,
    now: Date.now,
    later: (fn, ms) => void setTimeout(fn, ms),
  })

/** The IDs of an `objectChanged` message: 1 to MAX_CHANGED_IDS IDs, each of a known kind, a case or a verification. */
export function checkChangedIds(ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_CHANGED_IDS)
    throw new RefusedMessage(`objectChanged: 1 to ${MAX_CHANGED_IDS} IDs`)
  return ids.map((id) => (typeof id === 'string' && isChangeableId(id) ? id : checkId(id)))
}

/** The live events this many announcements back are remembered (each open surface forwards the same events). */
export const REMEMBERED_LIVE_EVENTS = 1000

function checkLiveKeys(live: unknown): string[] | null {
  if (live === undefined) return null
  if (!Array.isArray(live) || live.length > MAX_CHANGED_IDS || !live.every((k) => typeof k === 'string' && k.length <= 200)) {
    throw new RefusedMessage(`objectChanged: live names at most ${MAX_CHANGED_IDS} events`)
  }
  return live as string[]
}

/** True when every event was announced already (another surface forwarded them); remembers the new ones. */
function liveRepeat(seen: Set<string>, keys: string[]): boolean {
  const fresh = keys.filter((key) => !seen.has(key))
  for (const key of fresh) seen.add(key)
  for (const old of seen) {
    if (seen.size <= REMEMBERED_LIVE_EVENTS) break
    seen.delete(old)
  }
  return keys.length > 0 && fresh.length === 0
}

/**
 * `objectChanged` from an extension page (after an action, a live event): announced to every view.
 * Live events reach every open surface, so those forwarded already are announced once.
 */
export function registerObjectChanges(announce: AnnounceChanged): () => void {
  const seenLive = new Set<string>()
  return onMessage('objectChanged', async ({ data, sender }) => {
    requireExtensionPage(sender as Sender, 'objectChanged')
    const ids = checkChangedIds(data?.ids)
    const live = checkLiveKeys(data?.live)
    if (live && liveRepeat(seenLive, live)) return
    await announce(ids)
  })
}
