import { describe, expect, it } from 'vitest'
import type { LiveEvent } from '@idv-lens/shared/api'
import { scopeEvents } from './live-filter.ts'
import type { Watch } from '../lib/watches.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const ON_PAGE = 'inq_2gTWu1kpTcdqA7XKpbKRTrbZ'
const ELSEWHERE = 'inq_9xY8wV7uT6sR5qP4oN3mL2kJ'
const CASE = 'case_Qd5R3f1kFh3b9zDkZ3yCkRp7'

const event = (seq: number, objectId: string): LiveEvent => ({
  seq,
  vendor: 'persona',
  id: `evt_${seq}`,
  name: 'inquiry.completed',
  objectType: objectId.startsWith('case_') ? 'case' : 'inquiry',
  objectId,
  status: 'completed',
  createdAt: '2026-11-25T09:00:00Z',
})
const watch: Watch = {
  id: INQ,
  kind: 'persona-inquiry',
  status: 'pending',
  caseId: CASE,
  caseStatus: 'Open',
  since: 0,
  changedAt: null,
  observedAt: 0,
}
const events = [event(1, INQ), event(2, ON_PAGE), event(3, ELSEWHERE), event(4, CASE)]

describe("the Live tab's reach", () => {
  it("should keep the whole organisation's feed, the watched IDs' (with their cases), or this tab's IDs'", () => {
    expect(scopeEvents(events, 'all', [watch], new Set([ON_PAGE]))).toHaveLength(4)
    expect(scopeEvents(events, 'watched', [watch], new Set([ON_PAGE])).map((e) => e.seq)).toEqual([1, 4])
    expect(scopeEvents(events, 'page', [watch], new Set([ON_PAGE])).map((e) => e.seq)).toEqual([2])
    expect(scopeEvents(events, 'watched', [], new Set())).toEqual([])
  })
})
