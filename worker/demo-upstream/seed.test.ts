import { describe, expect, it } from 'vitest'
import { FIXTURE_IDS, generateDataset } from './seed.ts'
import { LONG_INQUIRY_IDS_SINCE } from './persona-seed.ts'
import { DAY, HOUR } from './timeline.ts'
import { NOW } from './test-support.ts'

const dataset = generateDataset({ now: NOW })
const anchor = NOW.getTime()
const BASE58 = /^[1-9A-HJ-NP-Za-km-z]+$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('generateDataset', () => {
  it('should hold at least the promised record counts', () => {
    expect(dataset.inquiries.length).toBeGreaterThanOrEqual(2000)
    expect(dataset.inquirySessions.length).toBeGreaterThanOrEqual(5000)
    expect(dataset.events.length).toBeGreaterThanOrEqual(20000)
    expect(dataset.deepidvSessions.length).toBeGreaterThanOrEqual(2000)
  })

  // Cursor paging relies on a strict order: a tie would make "strictly older than" ambiguous.
  it.each([
    ['inquiries', dataset.inquiries.map((r) => r.createdAt)],
    ['inquirySessions', dataset.inquirySessions.map((r) => r.createdAt)],
    ['events', dataset.events.map((r) => r.createdAt)],
    ['deepidvSessions', dataset.deepidvSessions.map((r) => r.createdAtMs)],
  ])('should order %s strictly newest first, minutes to months old', (_, times) => {
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeLessThan(times[i - 1] as number)
    const newest = times[0] as number
    const oldest = times.at(-1) as number
    expect(newest).toBeLessThan(anchor)
    expect(anchor - newest).toBeLessThan(HOUR)
    expect(anchor - oldest).toBeGreaterThan(90 * DAY)
  })

  it('should use base58 ids with Persona lengths, inquiries switching to 28 characters on 2024-01-29', () => {
    for (const inquiry of dataset.inquiries) {
      expect(inquiry.id).toMatch(/^inq_/)
      expect(inquiry.id.slice(4)).toMatch(BASE58)
      expect(inquiry.id.length).toBe(inquiry.createdAt < LONG_INQUIRY_IDS_SINCE ? 28 : 32)
    }
    const lengths = new Set(dataset.inquiries.map((i) => i.id.length))
    expect([...lengths].sort()).toEqual([28, 32])
    for (const session of dataset.inquirySessions) expect(session.id).toMatch(/^iqse_[1-9A-HJ-NP-Za-km-z]{24}$/)
    const eventLengths = new Set(dataset.events.map((e) => e.id.length - 4))
    expect([...eventLengths].sort()).toEqual([24, 28])
    for (const event of dataset.events) expect(event.id.slice(4)).toMatch(BASE58)
  })

  it('should use lowercase UUIDs for deepidv sessions', () => {
    for (const session of dataset.deepidvSessions) expect(session.record.id).toMatch(UUID)
  })

  it('should point sessions and events at records that exist', () => {
    const inquiryIds = new Set(dataset.inquiries.map((i) => i.id))
    const sessionIds = new Set(dataset.inquirySessions.map((s) => s.id))
    for (const session of dataset.inquirySessions) expect(inquiryIds.has(session.inquiryId)).toBe(true)
    for (const event of dataset.events) {
      const exists =
        event.object.type === 'inquiry' ? inquiryIds.has(event.object.id)
        : event.object.type === 'inquiry-session' ? sessionIds.has(event.object.id)
        : dataset.index.verifications.has(event.object.id)
      expect(exists, `${event.id} → ${event.object.id}`).toBe(true)
      expect(event.name.split('.')[0]).toBe(event.object.type.split('/')[0])
    }
  })

  it('should mix inquiry statuses, with in-progress ones only among the recent', () => {
    const statuses = new Set(dataset.inquiries.map((i) => i.status))
    expect(statuses).toEqual(new Set(['created', 'pending', 'completed', 'expired', 'failed', 'needs_review', 'approved', 'declined']))
    for (const inquiry of dataset.inquiries) {
      if (inquiry.status === 'created' || inquiry.status === 'pending') expect(anchor - inquiry.createdAt).toBeLessThanOrEqual(DAY)
    }
  })

  it('should contain the documented example records verbatim', () => {
    const inquiry = dataset.inquiries.find((i) => i.id === FIXTURE_IDS.inquiry)
    expect(inquiry).toMatchObject({ status: 'approved', referenceId: 'abc-123', sessionIds: [FIXTURE_IDS.inquirySession] })
    expect(new Date(inquiry?.createdAt ?? 0).toISOString()).toBe('2023-03-29T19:06:45.000Z')
    const approved = dataset.events.find((e) => e.id === FIXTURE_IDS.approvedEvent)
    expect(approved).toMatchObject({ name: 'inquiry.approved', object: { type: 'inquiry', id: FIXTURE_IDS.inquiry } })
    const session = dataset.deepidvSessions.find((s) => s.record.id === FIXTURE_IDS.deepidvSession)
    expect(session?.record).toMatchObject({ status: 'VERIFIED', external_id: 'user-12345', created_at: '2025-01-15T10:30:00.000Z' })
  })

  it('should send about two thirds of deepidv sessions from the demo key user', () => {
    const mine = dataset.deepidvSessions.filter((s) => s.record.sender_user_id === dataset.deepidvDemoUserId).length
    expect(mine / dataset.deepidvSessions.length).toBeGreaterThan(0.6)
    expect(mine / dataset.deepidvSessions.length).toBeLessThan(0.72)
  })

  it('should draw the same records for a seed whatever the anchor, and different ones for another seed', () => {
    // Only the time shifts (and with it the 24/28-character cut-over), so compare 24-character id prefixes.
    const prefixes = (d: typeof dataset): string[] => d.inquiries.filter((i) => i.id !== FIXTURE_IDS.inquiry).map((i) => i.id.slice(0, 28))
    const later = generateDataset({ now: anchor + 45 * DAY, seed: dataset.seed })
    expect(prefixes(later)).toEqual(prefixes(dataset))
    expect(later.deepidvSessions.map((s) => s.record.id).sort()).toEqual(dataset.deepidvSessions.map((s) => s.record.id).sort())
    const other = generateDataset({ now: NOW, seed: dataset.seed + 1 })
    expect(other.inquiries[0]?.id).not.toBe(dataset.inquiries[0]?.id)
  })

  it('should move the fixtures before an anchor that predates them', () => {
    const early = generateDataset({ now: new Date('2023-01-01T00:00:00Z') })
    const fixture = early.inquiries.find((i) => i.id === FIXTURE_IDS.inquiry)
    expect(fixture?.createdAt).toBeLessThan(Date.parse('2023-01-01T00:00:00Z'))
    expect(early.inquiries.every((i) => i.id.length === 28)).toBe(true)
  })
})
