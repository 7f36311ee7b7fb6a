import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { FIXTURE_IDS, generateDataset, STORY_IDS } from './seed.ts'
import { ONFIDO_STORY } from './onfido-seed.ts'
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

  it('should point sessions, events, verifications and cases at records that exist', () => {
    const inquiryIds = new Set(dataset.inquiries.map((i) => i.id))
    const sessionIds = new Set(dataset.inquirySessions.map((s) => s.id))
    for (const session of dataset.inquirySessions) expect(inquiryIds.has(session.inquiryId)).toBe(true)
    for (const inquiry of dataset.inquiries) {
      for (const id of inquiry.verificationIds) expect(dataset.index.verifications.get(id)?.inquiryId).toBe(inquiry.id)
    }
    for (const found of dataset.cases) {
      expect(inquiryIds.has(found.inquiryId)).toBe(true)
      for (const id of found.verificationIds) expect(dataset.index.verifications.get(id)?.inquiryId).toBe(found.inquiryId)
    }
    for (const event of dataset.events) {
      const exists =
        event.object.type === 'inquiry'
          ? inquiryIds.has(event.object.id)
          : event.object.type === 'inquiry-session'
            ? sessionIds.has(event.object.id)
            : event.object.type === 'case'
              ? dataset.index.casePosition.has(event.object.id)
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
    // The story's 32-character inquiry IDs did not exist yet: no story then.
    expect(early.index.inquiryPosition.has(STORY_IDS.failedInquiry)).toBe(false)
    expect(early.deepidvSessions.some((s) => s.record.id === STORY_IDS.deepidvSession)).toBe(false)
  })
})

describe('verification checks', () => {
  const checksOf = (inquiryId: string) =>
    dataset.inquiries.find((i) => i.id === inquiryId)!.verificationIds.flatMap((id) => dataset.index.verifications.get(id)!.checks)

  it('should give every failed and every declined inquiry a failed check with reasons', () => {
    const ended = dataset.inquiries.filter((i) => i.status === 'failed' || i.status === 'declined')
    expect(ended.length).toBeGreaterThan(50)
    for (const inquiry of ended) {
      const failed = checksOf(inquiry.id).filter((c) => c.status === 'failed')
      expect(failed.length, `${inquiry.status} ${inquiry.id}`).toBeGreaterThan(0)
      for (const check of failed) expect(check.reasons.length, check.name).toBeGreaterThan(0)
    }
  })

  it('should pass passed verifications with only passed or not applicable checks, except a not required one on declined inquiries', () => {
    const declined = new Set(dataset.inquiries.filter((i) => i.status === 'declined').map((i) => i.id))
    let flagged = 0
    for (const v of dataset.verifications.filter((v) => v.status === 'passed')) {
      const failed = v.checks.filter((c) => c.status === 'failed')
      if (failed.length > 0) {
        expect(declined.has(v.inquiryId), v.id).toBe(true)
        expect(failed.map((c) => c.requirement)).toEqual(['not_required'])
        flagged++
      }
    }
    expect(flagged).toBeGreaterThan(0)
  })

  it("should fail failed verifications on a required check, and use Persona's check names for each type", () => {
    for (const v of dataset.verifications.filter((v) => v.status === 'failed' || v.status === 'requires_retry')) {
      const failed = v.checks.filter((c) => c.status === 'failed')
      expect(failed.length, v.id).toBe(1)
      expect(failed[0]!.requirement).toBe('required')
    }
    const prefixes: Record<string, string> = {
      'verification/government-id': 'id_',
      'verification/selfie': 'selfie_',
      'verification/database': 'database_',
      'verification/phone-number': 'phone_number_',
      'verification/email-address': 'email_address_',
      'verification/document': 'document_',
    }
    for (const v of dataset.verifications)
      for (const c of v.checks) expect(c.name.startsWith(prefixes[v.type]!), `${v.type} ${c.name}`).toBe(true)
  })
})

describe('cases', () => {
  it("should open cases on reviewed, failed and declined inquiries only, assigned to the customer's reviewers, newest first", () => {
    expect(dataset.cases.length).toBeGreaterThan(100)
    const byId = new Map(dataset.inquiries.map((i) => [i.id, i]))
    for (const found of dataset.cases) {
      const inquiry = byId.get(found.inquiryId)!
      expect(['needs_review', 'approved', 'declined', 'failed']).toContain(inquiry.status)
      expect(found.createdAt).toBeLessThan(anchor)
      if (found.assigneeId !== null) expect(found.assigneeId).toMatch(/@acme\.example$/)
      if (found.resolvedAt !== null) expect(found.resolution).toBe(found.status)
      else expect(['Open', 'Pending']).toContain(found.status)
      expect(found.slaExpiresAt).toBe(found.createdAt + DAY)
    }
    const statuses = new Set(dataset.cases.map((c) => c.status))
    expect(statuses).toEqual(new Set(['Open', 'Pending', 'Approved', 'Declined']))
    for (let i = 1; i < dataset.cases.length; i++) expect(dataset.cases[i]!.createdAt).toBeLessThan(dataset.cases[i - 1]!.createdAt)
    // Open cases wait on inquiries a person has not decided yet, or on escalated failures.
    for (const found of dataset.cases.filter((c) => c.resolvedAt === null)) {
      expect(['needs_review', 'failed', 'declined']).toContain(byId.get(found.inquiryId)!.status)
    }
  })
})

describe("the demo ticket's story", () => {
  const inquiry = (id: string) => dataset.inquiries.find((i) => i.id === id)!

  it("should lead the page `npm run dev` serves with the story: its failed inquiry first, every ID one of the story's, no decoys", async () => {
    const html = await readFile(new URL('../../test/fixtures/helpdesk/demo-ticket.html', import.meta.url), 'utf8')
    const body = html.slice(html.indexOf('<body>')).replace(/<!--[\s\S]*?-->/g, '')
    const ids = body.match(/\b(?:inq|iqse)_[A-Za-z0-9]+|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g) ?? []
    expect(ids[0]).toBe(STORY_IDS.failedInquiry)
    expect(ids).toEqual([
      STORY_IDS.failedInquiry,
      STORY_IDS.earlierInquiry,
      STORY_IDS.deepidvSession,
      STORY_IDS.failedInquirySessions[1],
      ONFIDO_STORY.declinedRunId,
    ])
    expect(body).not.toMatch(/decoy/i)
    expect(body).toContain(STORY_IDS.referenceId)
  })

  it("should have the ticket's inquiry failed on a selfie that does not match the ID, with reasons", () => {
    const failed = inquiry(STORY_IDS.failedInquiry)
    expect(failed).toMatchObject({ status: 'failed', referenceId: STORY_IDS.referenceId, nextStepName: 'fail' })
    expect(failed.verificationIds).toEqual(Object.values(STORY_IDS.failedInquiryVerifications))
    expect(anchor - failed.createdAt).toBeLessThan(DAY)
    const selfie = dataset.index.verifications.get(STORY_IDS.failedVerification)!
    expect(selfie).toMatchObject({ type: 'verification/selfie', status: 'failed', inquiryId: failed.id })
    expect(selfie.checks.filter((c) => c.status === 'failed')).toEqual([
      {
        name: 'selfie_id_comparison',
        status: 'failed',
        reasons: ['face_mismatch', 'low_similarity'],
        requirement: 'required',
        metadata: {},
      },
    ])
    for (const id of [STORY_IDS.failedInquiryVerifications.email, STORY_IDS.failedInquiryVerifications.governmentId]) {
      expect(dataset.index.verifications.get(id)!.checks.every((c) => c.status !== 'failed')).toBe(true)
    }
  })

  it('should have an open case on it, assigned to a reviewer with the SLA still running', () => {
    const found = dataset.cases.find((c) => c.id === STORY_IDS.case)!
    expect(found).toMatchObject({
      status: 'Open',
      inquiryId: STORY_IDS.failedInquiry,
      assigneeId: STORY_IDS.caseAssignee,
      resolvedAt: null,
      verificationIds: [STORY_IDS.failedVerification],
    })
    expect(found.slaExpiresAt!).toBeGreaterThan(anchor)
    expect(found.assignedAt!).toBeLessThan(anchor)
    // No other case on the story's inquiries: the agent finds exactly this one.
    expect(dataset.cases.filter((c) => c.referenceId === STORY_IDS.referenceId).map((c) => c.id)).toEqual([STORY_IDS.case])
  })

  it('should have an earlier attempt under the same reference ID that failed for another reason, and a rejected deepidv session', () => {
    const attempts = dataset.inquiries.filter((i) => i.referenceId === STORY_IDS.referenceId)
    expect(attempts.map((i) => i.id)).toEqual([STORY_IDS.failedInquiry, STORY_IDS.earlierInquiry])
    const earlier = inquiry(STORY_IDS.earlierInquiry)
    expect(earlier.status).toBe('failed')
    expect(anchor - earlier.createdAt).toBeGreaterThan(7 * DAY)
    const failedChecks = earlier.verificationIds.flatMap((id) =>
      dataset.index.verifications.get(id)!.checks.filter((c) => c.status === 'failed'),
    )
    expect(failedChecks).toEqual([
      { name: 'id_expired_detection', status: 'failed', reasons: ['expired'], requirement: 'required', metadata: {} },
    ])
    const deepidv = dataset.deepidvSessions.filter((s) => s.record.external_id === STORY_IDS.referenceId)
    expect(deepidv.map((s) => s.record.id)).toEqual([STORY_IDS.deepidvSession])
    expect(deepidv[0]!.record).toMatchObject({ status: 'REJECTED', analysis_data: { id_matches_selfie: false } })
  })

  it('should seed other deepidv sessions whose analysis failed on the face match too', () => {
    const faceFailures = dataset.deepidvSessions.filter(
      (s) => s.record.analysis_data?.id_matches_selfie === false && s.record.id !== STORY_IDS.deepidvSession,
    )
    expect(faceFailures.length).toBeGreaterThan(0)
    for (const s of faceFailures) expect(['REJECTED', 'FAILED', 'SUBMITTED']).toContain(s.record.status)
  })
})
