import { signal } from '@preact/signals'
import { describe, expect, it, vi } from 'vitest'
import { messageName } from '../../test-support/message-names.ts'
import type { LiveEvent } from '@idv-lens/shared/api'
import type { Send } from '../lib/messages.ts'
import type { Watch } from '../lib/watches.ts'
import { forwardChangedObjects, LIVE_NEWS_MS } from './changed-objects.ts'
import { createLists, rereadChanged } from './lists.ts'

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const SESSION = 'iqse_T8PrqpoEhwhUV1wHReuU9ofs'
const NOW = Date.parse('2026-11-25T09:00:00Z')

const event = (seq: number, objectId: string, ageMs = 0): LiveEvent => ({
  seq,
  vendor: 'persona',
  id: `evt_${seq}`,
  name: 'inquiry.approved',
  objectType: 'inquiry',
  objectId,
  status: 'approved',
  createdAt: new Date(NOW - ageMs).toISOString(),
})

describe('what live events changed', () => {
  it('should pass on the objects new live events changed, a case with its watched inquiry, never a replay or an event already shown', () => {
    const sent: unknown[] = []
    const send = vi.fn(async (_type: string, req: unknown) => void sent.push(req)) as unknown as Send
    const events = signal<LiveEvent[]>([event(1, SESSION)])
    const watch = { id: INQUIRY, caseId: 'case_ABC' } as Watch
    const stop = forwardChangedObjects({ events, watches: signal([watch]), send, now: () => NOW })
    expect(sent).toEqual([])
    events.value = [
      event(2, 'case_ABC'),
      event(3, 'case_OTHER'),
      event(4, SESSION, LIVE_NEWS_MS + 1),
      event(5, 'not-an-id'),
      ...events.value,
    ]
    // A case is announced itself (the open detail showing it re-reads), a watched one with its inquiry.
    // Each event named, so the background announces it once however many surfaces forward it.
    expect(sent).toEqual([{ ids: ['case_ABC', INQUIRY, 'case_OTHER'], live: ['persona:evt_2', 'persona:evt_3', 'persona:evt_5'] }])
    stop()
    expect(vi.mocked(send).mock.calls.every(([type]) => type === 'objectChanged')).toBe(true)
  })

  it('should re-read, as background work past the cache, only the shown lists whose first page holds a changed object', async () => {
    const calls: [string, { refresh?: boolean; background?: boolean }][] = []
    const send = vi.fn(async (type: string, req: { refresh?: boolean; background?: boolean }) => {
      calls.push([messageName(type, req), req])
      const data =
        messageName(type, req) === 'list:sessions'
          ? [
              {
                type: 'inquiry-session',
                id: SESSION,
                attributes: {},
                relationships: { inquiry: { data: { type: 'inquiry', id: INQUIRY } } },
              },
            ]
          : []
      return { ok: true, data: { data, links: {} }, freshness: null, receivedAt: 0 }
    }) as unknown as Send
    const lists = createLists(send, 10)
    await lists.sessions!.load()
    await lists.inquiries!.load()
    calls.length = 0
    // The session's inquiry changed: the sessions list shows it; the inquiries list (empty) and the unshown lists do not.
    expect(rereadChanged(lists, [INQUIRY], 10)).toEqual(['sessions'])
    expect(calls.map(([type, req]) => [type, req.refresh, req.background])).toEqual([['list:sessions', true, true]])
  })
})
