import { signal } from '@preact/signals'
import { describe, expect, it, vi } from 'vitest'
import type { LiveEvent } from '@idv-lens/shared/api'
import { followLiveEvents } from './detail-live.ts'
import type { DetailView } from './detail-store.ts'

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const CASE = 'case_Kc4Wq9Nx2Lt7Hv3Db8Rm6PsY'
const event = (seq: number, objectId: string, objectType = 'inquiry'): LiveEvent => ({
  seq,
  vendor: 'persona',
  id: `evt_${seq}`,
  name: `${objectType}.updated`,
  objectType,
  objectId,
  status: null,
  createdAt: '2026-11-27T00:00:00Z',
})

describe('followLiveEvents', () => {
  it("should reload the open detail once per event about it or its case, and not for others' events", () => {
    const events = signal<LiveEvent[]>([])
    const view = { kind: 'persona-inquiry', id: INQUIRY, cases: { data: signal({ data: [{ id: CASE }] }) }, sessions: { data: signal({ data: [] }) } } as unknown as DetailView
    const current = signal<DetailView | null>(view)
    const refresh = vi.fn()
    const stop = followLiveEvents(events, { current, refresh })
    events.value = [event(1, 'inq_other0000000000000000000')]
    expect(refresh).not.toHaveBeenCalled()
    events.value = [event(2, INQUIRY), ...events.value]
    expect(refresh).toHaveBeenCalledWith(true)
    events.value = [event(3, CASE, 'case'), ...events.value]
    expect(refresh).toHaveBeenCalledTimes(2)
    // The hub replays its window after a reconnect: the same events reload nothing again.
    events.value = [...events.value]
    expect(refresh).toHaveBeenCalledTimes(2)
    current.value = null
    events.value = [event(4, INQUIRY), ...events.value]
    expect(refresh).toHaveBeenCalledTimes(2)
    stop()
  })
})
