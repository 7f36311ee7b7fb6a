import { fakeBrowser } from 'wxt/testing/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { storage } from '#imports'
import type { PageId } from '../lib/messages.ts'
import { pageIdsKey } from '../lib/page-ids.ts'
import { BADGE_FIRST_MS, createTabIds, WRITE_DELAY_MS } from './tab-ids.ts'

const INQ = { id: 'inq_zEx4jL84ShbUyuwX6AzPSqt6', kind: 'persona-inquiry' } as PageId
const EVT = { id: 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a', kind: 'persona-event' } as PageId

/** A promise the test settles itself. */
function deferred() {
  let resolve = () => {}
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}
/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

/**
 * A tab's IDs on an injected clock: the badge calls answer when the test says, and every wait the
 * worker asks for is kept until the test lets it end (advancing the clock by it).
 */
function setUp() {
  let clock = 1000
  const badges: { tabId: number; count: number; set: ReturnType<typeof deferred> }[] = []
  const waits: { ms: number; done: ReturnType<typeof deferred> }[] = []
  const tabIds = createTabIds({
    now: () => clock,
    showBadge(tabId, count) {
      const set = deferred()
      badges.push({ tabId, count, set })
      return set.promise
    },
    wait(ms) {
      const done = deferred()
      waits.push({ ms, done })
      return done.promise
    },
  })
  const writes = vi.spyOn(fakeBrowser.storage.session, 'set')
  const endWait = async () => {
    const next = waits.shift()!
    clock += next.ms
    next.done.resolve()
    await settle()
  }
  return { tabIds, badges, waits, writes, endWait, advance: (ms: number) => (clock += ms) }
}

describe('createTabIds', () => {
  beforeEach(() => {
    fakeBrowser.reset()
  })

  it("should start a tab's write only once its badge is set, and BADGE_FIRST_MS after (the browser stores a write on the thread that shows the badge)", async () => {
    const { tabIds, badges, waits, writes, endWait } = setUp()
    const { badge, stored } = await tabIds.record(7, [INQ])
    let isStored = false
    void stored.then(() => (isStored = true))
    await settle()
    // The badge is asked for; nothing is written while the browser has not set it.
    expect(badges.map((b) => b.count)).toEqual([1])
    expect(writes).not.toHaveBeenCalled()
    expect(waits).toEqual([])

    badges[0]!.set.resolve()
    await badge
    await settle()
    expect(waits.map((w) => w.ms)).toEqual([BADGE_FIRST_MS])
    expect(writes).not.toHaveBeenCalled()

    await endWait()
    await stored
    expect(isStored).toBe(true)
    expect(writes).toHaveBeenCalledTimes(1)
    expect(await storage.getItem(pageIdsKey(7))).toEqual([INQ])
  })

  it('should never store more IDs than the badge shows: a report during the wait holds the write until its badge is set', async () => {
    const { tabIds, badges, writes, endWait } = setUp()
    const first = await tabIds.record(7, [INQ])
    badges[0]!.set.resolve()
    await first.badge
    await settle()
    // Another frame reports while the write waits its BADGE_FIRST_MS; the browser has not set that badge yet.
    await tabIds.record(7, [EVT], 3)
    await endWait()
    expect(badges.map((b) => b.count)).toEqual([1, 2])
    expect(writes).not.toHaveBeenCalled()

    badges[1]!.set.resolve()
    await first.stored
    expect(await storage.getItem(pageIdsKey(7))).toEqual([INQ, EVT])
  })

  it('should not wait again for a badge set longer than BADGE_FIRST_MS ago', async () => {
    const { tabIds, badges, waits, writes, advance } = setUp()
    const first = await tabIds.record(7, [INQ])
    badges[0]!.set.resolve()
    await first.badge
    // No earlier write to space it from, and the badge was set BADGE_FIRST_MS ago: the write starts at once.
    advance(BADGE_FIRST_MS)
    await settle()
    expect(waits).toEqual([])
    await first.stored
    expect(writes).toHaveBeenCalledTimes(1)
  })

  it('should set the badge but write nothing when a frame reports the same IDs again', async () => {
    const { tabIds, badges, waits, writes, advance } = setUp()
    const first = await tabIds.record(7, [INQ, EVT])
    badges[0]!.set.resolve()
    await first.badge
    advance(BADGE_FIRST_MS)
    await first.stored
    expect(writes).toHaveBeenCalledTimes(1)

    const again = await tabIds.record(7, [INQ, EVT])
    badges[1]!.set.resolve()
    await again.badge
    await again.stored
    expect(badges.map((b) => b.count)).toEqual([2, 2])
    expect(writes).toHaveBeenCalledTimes(1)
    // The same IDs in another order are a change: a write is under way (waiting out the burst's delay).
    await tabIds.record(7, [EVT, INQ])
    await settle()
    expect(waits.map((w) => w.ms)).toEqual([WRITE_DELAY_MS])
  })

  it('should answer at once only what memory knows: a tab reported since the worker started, with no report of it under way', async () => {
    const { tabIds } = setUp()
    // Never reported here (nor read back from storage.session): no answer without waiting.
    expect(tabIds.holdsNow(7, 0, INQ.id)).toBeUndefined()
    const recording = tabIds.record(7, [INQ], 0)
    // A report under way may change the answer.
    expect(tabIds.holdsNow(7, 0, INQ.id)).toBeUndefined()
    await recording
    await settle()
    expect(tabIds.holdsNow(7, 0, INQ.id)).toBe(true)
    expect(tabIds.holdsNow(7, 0, EVT.id)).toBe(false)
    expect(tabIds.holdsNow(7, 3, INQ.id)).toBe(false)
    expect(await tabIds.holds(7, 0, INQ.id)).toBe(true)
  })
})
