import { describe, expect, it } from 'vitest'
import { ChangedRecords } from '../src/gate/changed-records.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const retrieve = { path: `inquiries/${INQ}`, query: '' }
const cases = { path: 'cases', query: `filter%5Binquiry-id%5D=${INQ}` }

describe('ChangedRecords', () => {
  it('should name a call begun at or before the mark, by its path or its decoded query, and no other', () => {
    const changed = new ChangedRecords()
    changed.mark([INQ], 1000)
    expect(changed.since(retrieve, 1000)).toBe(true)
    expect(changed.since(cases, 400)).toBe(true)
    expect(changed.since(retrieve, 1001)).toBe(false)
    expect(changed.since({ path: 'inquiries/inq_AnotherAnotherAnother0001', query: '' }, 0)).toBe(false)
    // A query that is not valid percent-encoding is read as it is.
    expect(changed.since({ path: 'inquiries', query: `x=%E0%A4%A&id=${INQ}` }, 0)).toBe(true)
  })

  it('should forget a mark after twelve minutes, keep at most 1,000, the newest, and count what it dropped for room as changed', () => {
    const changed = new ChangedRecords()
    changed.mark([INQ], 0)
    changed.mark(['inq_Other00000000000000000001'], 720_001)
    expect(changed.since(retrieve, 0)).toBe(false)
    const many = Array.from({ length: 1001 }, (_, i) => `inq_Many${String(i).padStart(20, '0')}`)
    changed.mark(many, 800_000)
    // The oldest was dropped for room, not for age: an answer from before it may be about it.
    expect(changed.since({ path: `inquiries/${many[0]}`, query: '' }, 0)).toBe(true)
    expect(changed.changesSince(0).complete).toBe(false)
    expect(changed.since({ path: `inquiries/${many[0]}`, query: '' }, 800_001)).toBe(false)
    expect(changed.since({ path: `inquiries/${many[1000]}`, query: '' }, 0)).toBe(true)
  })

  it('should outdate an answer whose body names a changed record, and a list after any change', () => {
    const changed = new ChangedRecords()
    changed.mark([INQ], 1000)
    const list = { path: 'inquiries', query: 'filter%5Breference-id%5D=customer-7' }
    expect(changed.outdates({ call: list }, 1000)).toBe(false)
    expect(changed.outdates({ call: list, body: `{"data":[{"id":"${INQ}"}]}` }, 1000)).toBe(true)
    expect(changed.outdates({ call: list, wide: true }, 1000)).toBe(true)
    expect(changed.outdates({ call: list, wide: true }, 1001)).toBe(false)
  })

  it('should say which records changed since a time on the Worker clock, two seconds of skew included', () => {
    const changed = new ChangedRecords()
    changed.mark([INQ], 10_000)
    expect(changed.changesSince(11_000)).toEqual({ ids: [INQ], complete: true })
    expect(changed.changesSince(12_001)).toEqual({ ids: [], complete: true })
  })
})
