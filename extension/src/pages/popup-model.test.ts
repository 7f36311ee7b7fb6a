import { fakeBrowser } from 'wxt/testing/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { messageName } from '../../test-support/message-names.ts'
import type { Send } from '../lib/messages.ts'
import { POLL_MS } from '../stores/live-store.ts'
import { fakePermissions, showIds } from '../../test-support/page-ids-fakes.ts'
import { PopupModel } from './popup-model.ts'

const EMPTY = { ok: true, data: { data: [], links: { prev: null, next: null } }, freshness: null, receivedAt: 0 }

function model(answers: Record<string, unknown> = {}) {
  const send = vi.fn(async (type: string, req?: unknown) => (messageName(type, req) in answers ? answers[messageName(type, req)] : EMPTY))
  const perms = fakePermissions()
  return { model: new PopupModel(send as unknown as Send, perms.api), send, perms }
}

describe('PopupModel', () => {
  beforeEach(() => fakeBrowser.reset())

  it('should hand "On this page" the tab it was opened over, with its URL', async () => {
    // The active tab of the popup's window (fakeBrowser's own query needs focused windows it does not have).
    const tab = { id: 9, windowId: 1, url: 'https://wiki.example.test/notes' }
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab] as never)
    // Another tab has IDs; this one has none yet.
    await showIds(tab.id + 1, [{ id: 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a', kind: 'persona-event' }])
    const { model: m, send } = model({ inlineLookupsRunning: false })
    await vi.waitFor(() =>
      expect(m.pageIds.site.value).toEqual({ kind: 'on-request', host: 'wiki.example.test', pattern: 'https://wiki.example.test/*' }),
    )
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true })
    expect(m.activeTab.value).toEqual({ tabId: 9, windowId: 1 })
    expect(m.pageIds.status.value).toBe('ready')
    expect(m.pageIds.ids.value, 'the IDs of that tab, not another').toEqual([])
    expect(send).toHaveBeenCalledWith('inlineLookupsRunning', { tabId: tab.id })
    expect(m.pageIds.offers.value).toEqual({ find: true, enable: 'wiki.example.test', disable: null })
    m[Symbol.dispose]()
  })

  it('should store the ID for the side panel before asking for the panel, in the same task (the popup may close as the panel opens)', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { id: 9, windowId: 1, url: 'https://acme.zendesk.com/agent/tickets/1' },
    ] as never)
    const order: string[] = []
    const set = fakeBrowser.storage.session.set.bind(fakeBrowser.storage.session)
    vi.spyOn(fakeBrowser.storage.session, 'set').mockImplementation(async (items) => {
      order.push(`store ${JSON.stringify(items)}`)
      return set(items)
    })
    const open = vi.fn(async () => void order.push('open panel'))
    Object.assign(fakeBrowser, { sidePanel: { open } })
    try {
      const { model: m, send } = model()
      await vi.waitFor(() => expect(m.activeTab.value).toEqual({ tabId: 9, windowId: 1 }))
      order.length = 0 // the lists' own snapshots
      const opened = m.openDetail('inq_zEx4jL84ShbUyuwX6AzPSqt6')
      // Both asked for synchronously, the ID first: nothing left for after the popup is gone.
      expect(order.map((step) => step.replace(/"at":\d+/, '"at":0'))).toEqual([
        'store {"pendingDetail":{"id":"inq_zEx4jL84ShbUyuwX6AzPSqt6","at":0}}',
        'open panel',
      ])
      expect(await opened).toBe(true)
      expect(open).toHaveBeenCalledWith({ tabId: 9 })
      expect(send).toHaveBeenCalledWith('openDetail', { id: 'inq_zEx4jL84ShbUyuwX6AzPSqt6', tabId: 9 })
      m[Symbol.dispose]()
    } finally {
      delete (fakeBrowser as { sidePanel?: unknown }).sidePanel
    }
  })

  it('should stop following permission changes once closed', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { id: 9, windowId: 1, url: 'https://acme.zendesk.com/agent/tickets/1' },
    ] as never)
    const { model: m, perms } = model()
    await vi.waitFor(() => expect(m.pageIds.site.value.kind).toBe('automatic'))
    expect(perms.listeners.added.size).toBe(1)
    m[Symbol.dispose]()
    expect(perms.listeners.added.size + perms.listeners.removed.size).toBe(0)
  })

  it('should poll the list on screen while open when the relay has no live events, and stop once closed', async () => {
    vi.useFakeTimers()
    try {
      vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([] as never)
      const { model: m, send } = model({
        liveConnection: { ok: true, data: { configured: false }, freshness: null, receivedAt: 0 },
        'list:deepidv': { ok: true, data: { sessions: [], next_token: null }, freshness: null, receivedAt: 0 },
      })
      const calls = (type: string) => send.mock.calls.filter(([t, req]) => messageName(t, req) === type).length
      await vi.advanceTimersByTimeAsync(0)
      expect(m.live.status.value).toBe('polling')
      expect(calls('list:inquiries')).toBe(1)
      await vi.advanceTimersByTimeAsync(POLL_MS)
      expect(calls('list:inquiries')).toBe(2)
      // The opening load is the agent's; the poll is background work (the relay's gate sheds it first).
      const requests = send.mock.calls
        .filter(([t, req]) => messageName(t, req) === 'list:inquiries')
        .map(([, req]) => (req as { background?: boolean }).background === true)
      expect(requests).toEqual([false, true])
      m.selectTab('deepidv')
      await vi.advanceTimersByTimeAsync(0)
      expect(calls('list:deepidv')).toBe(1)
      await vi.advanceTimersByTimeAsync(POLL_MS)
      expect([calls('list:inquiries'), calls('list:deepidv')]).toEqual([2, 2])
      m[Symbol.dispose]()
      await vi.advanceTimersByTimeAsync(POLL_MS * 3)
      expect([calls('list:inquiries'), calls('list:deepidv')]).toEqual([2, 2])
    } finally {
      vi.useRealTimers()
    }
  })
})
