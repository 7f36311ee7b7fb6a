import { fakeBrowser } from 'wxt/testing/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { messageName } from '../../test-support/message-names.ts'
import type { Send } from '../lib/messages.ts'
import { pendingDetailItem } from '../lib/pending-detail.ts'
import { settingsItem } from '../lib/settings.ts'
import { POLL_MS } from '../stores/live-store.ts'
import { PanelModel } from './panel-model.ts'

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const EMPTY = {
  ok: true,
  data: { data: [], links: { prev: null, next: null }, sessions: [], next_token: null },
  freshness: null,
  receivedAt: 0,
}

function model() {
  const send = vi.fn(async (_type: string, _req?: unknown) => EMPTY)
  // The live connection and the watched IDs run beside the lists (their own tests): these count the lists' calls.
  const lists = () => send.mock.calls.filter(([type]) => type !== 'liveConnection' && type !== 'listWatches')
  return { model: new PanelModel(send as unknown as Send), send, lists }
}

describe('PanelModel', () => {
  beforeEach(() => fakeBrowser.reset())

  it("should load only the list on screen, each once, opening on the popup's list", async () => {
    const { model: m, send, lists } = model()
    await vi.waitFor(() =>
      expect(send).toHaveBeenCalledWith('listRecords', { list: 'inquiries', query: { 'page[size]': '25' }, refresh: false }),
    )
    m.selectTab('deepidv')
    m.selectTab('inquiries')
    await vi.waitFor(() => expect(lists()).toHaveLength(2))
    expect(lists().map(([type, req]) => messageName(type, req))).toEqual(['list:inquiries', 'list:deepidv'])
    m[Symbol.dispose]()
  })

  it('should show an ID left for it before it opened, and take it only once', async () => {
    await pendingDetailItem.setValue({ id: INQUIRY, at: 1 })
    const { model: m } = model()
    await vi.waitFor(() => expect(m.detail.current.value?.id).toBe(INQUIRY))
    expect(await pendingDetailItem.getValue()).toBeNull()
    m[Symbol.dispose]()
  })

  it('should follow IDs sent while it is open', async () => {
    const { model: m } = model()
    await pendingDetailItem.setValue({ id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890', at: 2 })
    await vi.waitFor(() => expect(m.detail.current.value?.kind).toBe('deepidv-session'))
    m[Symbol.dispose]()
  })

  it('should reload what it shows when the settings change', async () => {
    const { model: m, lists } = model()
    await vi.waitFor(() => expect(lists()).toHaveLength(1))
    await settingsItem.setValue({ workerUrl: 'https://other.example', agentToken: 't2' })
    await vi.waitFor(() => expect(lists()).toHaveLength(2))
    m[Symbol.dispose]()
  })

  it('should follow live events while open, and poll the list on screen when the relay has none', async () => {
    vi.useFakeTimers()
    try {
      const send = vi.fn(async (type: string, _req?: unknown) =>
        type === 'liveConnection' ? { ok: true, data: { configured: false }, freshness: null, receivedAt: 0 } : EMPTY,
      )
      const m = new PanelModel(send as unknown as Send)
      const calls = (type: string) => send.mock.calls.filter(([t, req]) => messageName(t, req) === type).length
      await vi.advanceTimersByTimeAsync(0)
      // Live runs whatever tab is shown: the Live tab counts what arrives while the agent is elsewhere.
      expect(calls('liveConnection')).toBe(1)
      expect(m.live.status.value).toBe('polling')
      m.selectTab('events')
      await vi.advanceTimersByTimeAsync(0)
      expect(calls('list:events')).toBe(1)
      await vi.advanceTimersByTimeAsync(POLL_MS)
      expect(calls('list:events')).toBe(2)
      // The first load is the agent's; the poll is background work for the relay.
      expect(
        send.mock.calls
          .filter(([t, req]) => messageName(t, req) === 'list:events')
          .map(([, req]) => (req as { background?: boolean }).background),
      ).toEqual([undefined, true])
      // The Live tab has no list to poll.
      m.selectTab('live')
      const before = send.mock.calls.length
      await vi.advanceTimersByTimeAsync(POLL_MS)
      expect(send.mock.calls.slice(before).filter(([t]) => String(t).startsWith('list'))).toEqual([])
      m[Symbol.dispose]()
      expect(m.live.status.value).toBe('off')
    } finally {
      vi.useRealTimers()
    }
  })
})
