import { fakeBrowser } from 'wxt/testing/fake-browser'
import { beforeEach, describe, expect, it } from 'vitest'
import { changedObjectsItem, onObjectsChanged, type ChangedObjects } from '../lib/change-notice.ts'
import { contentScript, extensionPage, sendAs } from '../../test-support/sender-fakes.ts'
import { createChangeAnnouncer, registerObjectChanges, SECOND_READ_MS } from './object-changes.ts'
import { framesHolding, recordPageIds, startTabBadges } from './tab-badge.ts'

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const OTHER = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const CASE = 'case_Kc4Wq9Nx2Lt7Hv3Db8Rm6PsY'

function announcer() {
  let time = 1000
  const published: ChangedObjects[] = []
  const told: string[][] = []
  const timers: { at: number; fn: () => void }[] = []
  const announce = createChangeAnnouncer({
    publish: async (c) => void published.push(c),
    tellFrames: async (ids) => void told.push(ids),
    now: () => time,
    later: (fn, ms) => void timers.push({ at: time + ms, fn }),
  })
  const pass = async (ms: number) => {
    time += ms
    for (const t of timers.filter((t) => t.at <= time)) {
      timers.splice(timers.indexOf(t), 1)
      t.fn()
    }
    await Promise.resolve()
  }
  return { announce, published, told, pass }
}

describe('object changes', () => {
  beforeEach(() => {
    fakeBrowser.reset()
    startTabBadges(fakeBrowser as never, { writeDelayMs: 0, badgeFirstMs: 0 })
  })

  it('should announce changed IDs to the pages and the frames, each announcement (a later one may bring a newer state)', async () => {
    const { announce, published, told, pass } = announcer()
    expect(await announce([INQUIRY, INQUIRY, 'not-an-id', OTHER])).toEqual([INQUIRY, OTHER])
    expect(await announce(['case_', 'ver_', 'evt_'])).toEqual([])
    await pass(10)
    expect(await announce([INQUIRY])).toEqual([INQUIRY])
    expect(published).toEqual([
      { ids: [INQUIRY, OTHER], at: 1000, seq: 1 },
      { ids: [INQUIRY], at: 1010, seq: 2 },
    ])
    // Each once more past the relay's refresh floor, which may have answered the first re-read with the copy from before.
    await pass(SECOND_READ_MS - 11)
    expect(published).toHaveLength(2)
    await pass(1)
    expect(published.slice(2)).toEqual([{ ids: [INQUIRY, OTHER], at: 1000 + SECOND_READ_MS, seq: 3 }])
    await pass(10)
    expect(published.slice(3)).toEqual([{ ids: [INQUIRY], at: 1010 + SECOND_READ_MS, seq: 4 }])
    expect(told).toEqual([[INQUIRY, OTHER], [INQUIRY], [INQUIRY, OTHER], [INQUIRY]])
  })

  it('should take objectChanged from extension pages only, and tell the pages watching', async () => {
    const { announce, published } = announcer()
    const unregister = registerObjectChanges(announce)
    const heard: (readonly string[])[] = []
    const stop = onObjectsChanged((ids) => heard.push(ids))
    try {
      const tab = await fakeBrowser.tabs.create({ url: 'https://acme.zendesk.com/agent/tickets/1' })
      await expect(sendAs(contentScript(tab.id!), 'objectChanged', { ids: [INQUIRY] })).rejects.toThrow(/refused/)
      await expect(sendAs(extensionPage('sidepanel.html'), 'objectChanged', { ids: ['not-an-id'] })).rejects.toThrow(/refused/)
      await expect(sendAs(extensionPage('sidepanel.html'), 'objectChanged', { ids: [] })).rejects.toThrow(/refused/)
      await sendAs(extensionPage('sidepanel.html'), 'objectChanged', { ids: [INQUIRY] })
      // A case (an action on it, a live event about it): the detail showing it re-reads.
      await sendAs(extensionPage('sidepanel.html'), 'objectChanged', { ids: [CASE] })
      expect(published.map((p) => p.ids)).toEqual([[INQUIRY], [CASE]])
      await changedObjectsItem.setValue(published[0]!)
      expect(heard).toEqual([[INQUIRY]])
    } finally {
      stop()
      unregister()
    }
  })

  it('should announce a live event once when the popup and the side panel both forward it', async () => {
    const { announce, published } = announcer()
    const unregister = registerObjectChanges(announce)
    try {
      const batch = { ids: [INQUIRY], live: ['persona:evt_1'] }
      await sendAs(extensionPage('sidepanel.html'), 'objectChanged', batch)
      await sendAs(extensionPage('popup.html'), 'objectChanged', batch)
      // A batch holding a new event is news; an action's change (no live events) always is.
      await sendAs(extensionPage('popup.html'), 'objectChanged', { ids: [INQUIRY, OTHER], live: ['persona:evt_1', 'persona:evt_2'] })
      await sendAs(extensionPage('sidepanel.html'), 'objectChanged', { ids: [INQUIRY] })
      await expect(sendAs(extensionPage('popup.html'), 'objectChanged', { ids: [INQUIRY], live: [7] as never })).rejects.toThrow(/refused/)
      expect(published.map((p) => p.ids)).toEqual([[INQUIRY], [INQUIRY, OTHER], [INQUIRY]])
    } finally {
      unregister()
    }
  })

  it('should find only the frames that reported a changed ID, each with its own', async () => {
    await recordPageIds(1, [{ id: INQUIRY, kind: 'persona-inquiry' }], 0)
    await recordPageIds(1, [{ id: OTHER, kind: 'persona-inquiry' }], 4)
    await recordPageIds(2, [{ id: OTHER, kind: 'persona-inquiry' }], 0)
    await recordPageIds(3, [{ id: 'inq_2gTWu1kpTcdqA7XKpbKRTrbZ', kind: 'persona-inquiry' }], 0)
    const frames = await framesHolding([INQUIRY, OTHER], async () => [1, 2, 3])
    expect(frames.sort((a, b) => a.tabId - b.tabId || a.frameId - b.frameId)).toEqual([
      { tabId: 1, frameId: 0, held: [INQUIRY] },
      { tabId: 1, frameId: 4, held: [OTHER] },
      { tabId: 2, frameId: 0, held: [OTHER] },
    ])
  })
})
