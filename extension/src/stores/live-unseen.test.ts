import { signal } from '@preact/signals'
import { describe, expect, it } from 'vitest'
import type { LiveEvent } from '@idv-lens/shared/api'
import { createLiveUnseen } from './live-unseen.ts'

const OPENED = Date.parse('2026-01-01T10:00:00.000Z')
const at = (seq: number, offsetS: number): LiveEvent => ({
  seq,
  vendor: 'persona',
  id: `evt_${seq}`,
  name: 'inquiry.approved',
  objectType: 'inquiry',
  objectId: 'inq_x',
  status: 'approved',
  createdAt: new Date(OPENED + offsetS * 1000).toISOString(),
})

describe('createLiveUnseen', () => {
  it('should count what arrived while the Live tab was hidden, never the replayed backlog, and clear on looking', () => {
    const events = signal<LiveEvent[]>([])
    const shown = signal(false)
    const unseen = createLiveUnseen(events, shown, OPENED)
    // The relay replays its window to a new socket: history from before the surface opened.
    events.value = [at(2, -60), at(1, -120)]
    expect(unseen.count.value).toBe(0)
    events.value = [at(4, 2), at(3, 1), ...events.value]
    expect(unseen.count.value).toBe(2)
    shown.value = true
    expect(unseen.count.value).toBe(0)
    // Marked new while the tab stays open: what arrived since the agent last looked, and later ones.
    events.value = [at(5, 3), ...events.value]
    expect(events.value.map((e) => unseen.isNew(e))).toEqual([true, true, true, false, false])
    expect(unseen.count.value).toBe(0)
    // Leave and come back: only what arrived in between is new.
    shown.value = false
    events.value = [at(6, 4), ...events.value]
    expect(unseen.count.value).toBe(1)
    shown.value = true
    expect(events.value.map((e) => unseen.isNew(e))).toEqual([true, false, false, false, false, false])
    unseen.dispose()
  })
})
