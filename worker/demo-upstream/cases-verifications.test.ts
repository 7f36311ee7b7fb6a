/**
 * Persona verifications and cases in the demo upstream: retrieves on the generic and typed paths, the
 * case list's filters and paging, 404s, Key-Inflection and Persona-Version differences, and the control
 * routes that change a status and deliver the matching webhook. Spec conformance: spec-conformance.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createDemoUpstream } from './app.ts'
import { STORY_IDS } from './seed.ts'
import {
  body,
  cursorOf,
  demo,
  NOW,
  persona,
  webhookReceiver,
  type ListBody,
  type PersonaErrorBody,
  type RetrieveBody,
} from './test-support.ts'

const upstream = demo({ rateLimits: false })
const { dataset } = upstream

const retrieve = async (path: string, headers: Record<string, string> = {}) => {
  const res = await persona(upstream, path, { headers })
  return { status: res.status, json: await body<RetrieveBody & ListBody & PersonaErrorBody>(res) }
}

describe('verifications', () => {
  it("should serve the story's failed selfie verification with its failed check and reasons, on the generic and the typed path", async () => {
    const generic = await retrieve(`/verifications/${STORY_IDS.failedVerification}`)
    const typed = await retrieve(`/verification/selfies/${STORY_IDS.failedVerification}`)
    expect(generic.status).toBe(200)
    expect(typed.json.data).toEqual(generic.json.data)
    expect(generic.json.data.type).toBe('verification/selfie')
    const checks = generic.json.data.attributes.checks as { name: string; status: string; reasons: string[] }[]
    expect(checks.find((c) => c.status === 'failed')).toMatchObject({
      name: 'selfie_id_comparison',
      reasons: ['face_mismatch', 'low_similarity'],
    })
    expect(generic.json.data.relationships?.inquiry).toEqual({ data: { type: 'inquiry', id: STORY_IDS.failedInquiry } })
    expect(generic.json.data.relationships?.['verification-template']).toMatchObject({ data: { type: 'verification-template/selfie' } })
  })

  it.each([
    ['government-ids', 'verification/government-id'],
    ['selfies', 'verification/selfie'],
    ['databases', 'verification/database'],
    ['phone-numbers', 'verification/phone-number'],
    ['email-addresses', 'verification/email-address'],
    ['documents', 'verification/document'],
  ])('should serve %s on their typed path only, never with included', async (plural, type) => {
    const v = dataset.verifications.find((x) => x.type === type)!
    const other = dataset.verifications.find((x) => x.type !== type)!
    const { status, json } = await retrieve(`/verification/${plural}/${v.id}?include=inquiry`)
    expect(status).toBe(200)
    expect(json.data).toMatchObject({ type, id: v.id })
    expect(json.included).toBeUndefined()
    expect((await retrieve(`/verification/${plural}/${other.id}`)).status).toBe(404)
  })

  it("should answer Persona's 404 for an unknown ID or typed path, and a 400 for an unknown include", async () => {
    for (const path of [
      '/verifications/ver_AAAAAAAAAAAAAAAAAAAAAAAA',
      `/verification/passports/${STORY_IDS.failedVerification}`,
      '/verification/selfies/ver_AAAAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      const { status, json } = await retrieve(path)
      expect(status, path).toBe(404)
      expect(json).toEqual({ errors: [{ title: 'Record not found' }] })
    }
    const bad = await retrieve(`/verifications/${STORY_IDS.failedVerification}?include=sessions`)
    expect(bad.status).toBe(400)
    expect(bad.json.errors[0]?.details).toMatch(/sessions/)
  })

  it('should include the inquiry and document when asked, by default before 2025-10-27, and keep sparse fieldsets', async () => {
    const gov = STORY_IDS.failedInquiryVerifications.governmentId
    const asked = await retrieve(`/verifications/${gov}?include=inquiry,document`)
    expect(asked.json.included?.map((r) => r.type)).toEqual(['inquiry', 'document/government-id'])
    expect((await retrieve(`/verifications/${gov}`)).json.included).toBeUndefined()
    const legacy = await retrieve(`/verifications/${gov}`, { 'Persona-Version': '2023-01-05' })
    expect(legacy.json.included?.map((r) => r.type)).toEqual([
      'inquiry',
      'document/government-id',
      'verification-template/government-id',
      'verification-template-version/government-id',
    ])
    // Verification templates are opaque pointers: type and id only.
    expect(legacy.json.included?.[2]).toEqual({ type: 'verification-template/government-id', id: expect.stringMatching(/^vtmpl_/) })
    const sparse = await retrieve(`/verifications/${gov}?fields[verification/government-id]=status,checks`)
    expect(Object.keys(sparse.json.data.attributes)).toEqual(['status', 'checks'])
  })

  it('should inflect keys, not values (check names stay snake_case)', async () => {
    const camel = await retrieve(`/verifications/${STORY_IDS.failedVerification}`, { 'Key-Inflection': 'camel' })
    expect(camel.json.data.attributes).toMatchObject({ completedAt: expect.any(String), selfieSimilarityScoreLeft: 0.31 })
    expect((camel.json.data.attributes.checks as { name: string }[])[0]?.name).toBe('selfie_id_comparison')
    expect(Object.keys(camel.json.data.relationships ?? {})).toContain('verificationTemplate')
  })

  it("should include an inquiry's verifications of every type on the inquiry retrieve", async () => {
    const { json } = await retrieve(`/inquiries/${STORY_IDS.failedInquiry}?include=verifications`)
    expect(json.included?.map((r) => `${r.type} ${r.id} ${r.attributes.status}`)).toEqual([
      `verification/email-address ${STORY_IDS.failedInquiryVerifications.email} passed`,
      `verification/government-id ${STORY_IDS.failedInquiryVerifications.governmentId} passed`,
      `verification/selfie ${STORY_IDS.failedVerification} failed`,
    ])
    const types = new Set<string>()
    for (const inquiry of dataset.inquiries.filter((i) => i.verificationIds.length > 0).slice(0, 400)) {
      for (const id of inquiry.verificationIds) types.add(dataset.index.verifications.get(id)!.type)
    }
    expect(types.size).toBe(6)
  })
})

describe('cases', () => {
  it("should serve the story's case, with its personal fields and attachments (which the relay must drop)", async () => {
    const { status, json } = await retrieve(`/cases/${STORY_IDS.case}`)
    expect(status).toBe(200)
    expect(json.data.attributes).toMatchObject({
      status: 'Open',
      resolution: null,
      'assignee-id': STORY_IDS.caseAssignee,
      'sla-expires-at': expect.any(String),
      fields: { 'name-first': { type: 'string', value: 'Dana' }, 'email-address': { value: 'dana.customer@example.com' } },
      attachments: [
        {
          filename: 'dana_customer_drivers_licence.jpg',
          url: expect.stringMatching(/^https:\/\/files\.withpersona\.com\/.+\?access_token=/),
        },
      ],
    })
    expect(Date.parse(json.data.attributes['sla-expires-at'] as string)).toBeGreaterThan(NOW.getTime())
    expect(json.data.relationships?.inquiries).toEqual({ data: [{ type: 'inquiry', id: STORY_IDS.failedInquiry }] })
    expect(json.data.relationships?.verifications).toEqual({ data: [{ type: 'verification/selfie', id: STORY_IDS.failedVerification }] })
  })

  it('should keep case field keys as they are under 2025-12-08 and inflect them under 2023-01-05', async () => {
    const fields = async (version: string) =>
      Object.keys(
        (await retrieve(`/cases/${STORY_IDS.case}`, { 'Key-Inflection': 'snake', 'Persona-Version': version })).json.data.attributes
          .fields as object,
      )
    expect(await fields('2025-12-08')).toContain('name-first')
    expect(await fields('2023-01-05')).toContain('name_first')
  })

  it('should include what the 2023-01-05 spec lists by default, and nothing unasked since 2025-10-27', async () => {
    expect((await retrieve(`/cases/${STORY_IDS.case}`)).json.included).toBeUndefined()
    const legacy = await retrieve(`/cases/${STORY_IDS.case}`, { 'Persona-Version': '2023-01-05' })
    expect(legacy.json.included?.map((r) => r.type)).toEqual(['account', 'inquiry', 'verification/selfie'])
    const asked = await retrieve(`/cases/${STORY_IDS.case}?include=case-template,case-queue`)
    expect(asked.json.included?.map((r) => r.type)).toEqual(['case-template', 'case-queue'])
  })

  it.each([
    ['inquiry-id', STORY_IDS.failedInquiry, [STORY_IDS.case]],
    ['reference-id', STORY_IDS.referenceId, [STORY_IDS.case]],
    ['account-id', STORY_IDS.account, [STORY_IDS.case]],
    ['inquiry-id', STORY_IDS.earlierInquiry, []],
    ['report-id', 'rep_AAAAAAAAAAAAAAAAAAAAAAAA', []],
  ])('should filter by %s', async (filter, value, expected) => {
    const { status, json } = await retrieve(`/cases?filter[${filter}]=${value}`)
    expect(status).toBe(200)
    expect(json.data.map((c) => c.id)).toEqual(expected)
    expect(json.links).toEqual({ prev: null, next: null })
  })

  it('should filter by status (ignoring its case) and case template, and answer 400 for an unknown filter or include', async () => {
    const open = await retrieve('/cases?filter[status]=open&page[size]=100')
    expect(open.json.data.length).toBeGreaterThan(0)
    expect(new Set(open.json.data.map((c) => c.attributes.status))).toEqual(new Set(['Open']))
    const both = await retrieve('/cases?filter[status]=Approved,Declined&page[size]=100')
    expect(new Set(both.json.data.map((c) => c.attributes.status))).toEqual(new Set(['Approved', 'Declined']))
    const template = dataset.cases.at(-1)!.caseTemplateId
    const byTemplate = await retrieve(`/cases?filter[case-template-id]=${template}&page[size]=100`)
    expect(byTemplate.json.data.every((c) => (c.relationships?.['case-template']?.data as { id: string }).id === template)).toBe(true)
    expect((await retrieve('/cases?filter[assignee-id]=x')).status).toBe(400)
    expect((await retrieve('/cases?include=inquiries')).status).toBe(400)
    expect((await retrieve('/cases/case_AAAAAAAAAAAAAAAAAAAAAAAA')).json).toEqual({ errors: [{ title: 'Record not found' }] })
  })

  it('should page newest first through every case with cursors, forwards and back', async () => {
    const ids: string[] = []
    let after: string | null = null
    let pages = 0
    do {
      const { json } = await retrieve(`/cases?page[size]=50${after ? `&page[after]=${after}` : ''}`)
      ids.push(...json.data.map((c) => c.id))
      after = json.links.next === null ? null : cursorOf(json.links.next, 'after')
      pages++
    } while (after !== null)
    expect(ids).toEqual(dataset.cases.map((c) => c.id))
    expect(pages).toBe(Math.ceil(dataset.cases.length / 50))
    const second = await retrieve(`/cases?page[size]=5&page[after]=${ids[4]}`)
    expect(second.json.data.map((c) => c.id)).toEqual(ids.slice(5, 10))
    expect(second.json.links.next).toBe(`/api/v1/cases?page%5Bafter%5D=${ids[9]}`)
    const back = await retrieve(`/cases?page[size]=5&page[before]=${ids[5]}`)
    expect(back.json.data.map((c) => c.id)).toEqual(ids.slice(0, 5))
    expect((await retrieve('/cases?page[after]=case_nope')).status).toBe(400)
  })
})

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

describe('status changes through the control API', () => {
  const LATER = NOW.getTime() + 60_000
  const control = (app: ReturnType<typeof createDemoUpstream>, path: string, payload: unknown) =>
    app.fetch(
      new Request(`http://demo/__demo/persona${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      }),
    )
  const read = async (app: ReturnType<typeof createDemoUpstream>, path: string) =>
    body<RetrieveBody & ListBody>(
      await app.fetch(new Request(`http://demo/persona/api/v1${path}`, { headers: { authorization: 'Bearer persona_demo_changes' } })),
    )

  it("should change an inquiry's status for every read and deliver its event by webhook", async () => {
    const target = await webhookReceiver()
    closers.push(target.close)
    const app = createDemoUpstream({
      now: NOW,
      clock: () => LATER,
      rateLimits: false,
      webhooks: { target: target.url, personaSecret: 'wbhsec_demo' },
    })
    const res = await control(app, `/inquiries/${STORY_IDS.failedInquiry}/status`, { status: 'approved' })
    expect(res.status).toBe(200)
    const answer = (await res.json()) as { event: string; delivery: { status: number; id: string; name: string } }
    expect(answer).toMatchObject({
      inquiry: { id: STORY_IDS.failedInquiry, status: 'approved' },
      event: 'inquiry.approved',
      delivery: { status: 204, name: 'inquiry.approved' },
    })

    const sent = JSON.parse(target.received[0]!.body).data
    expect(sent).toMatchObject({
      id: answer.delivery.id,
      attributes: { name: 'inquiry.approved', payload: { data: { id: STORY_IDS.failedInquiry, attributes: { status: 'approved' } } } },
    })
    expect((await read(app, `/inquiries/${STORY_IDS.failedInquiry}`)).data.attributes).toMatchObject({
      status: 'approved',
      'decisioned-at': new Date(LATER).toISOString(),
    })
    const listed = await read(app, `/inquiries?filter[reference-id]=${STORY_IDS.referenceId}&filter[status]=approved`)
    expect(listed.data.map((i) => i.id)).toEqual([STORY_IDS.failedInquiry])
    expect((await read(app, `/events/${answer.delivery.id}`)).data).toEqual(sent)
    // Only this app changed: another app on the same (shared) dataset still sees the inquiry failed.
    expect((await retrieve(`/inquiries/${STORY_IDS.failedInquiry}`)).json.data.attributes.status).toBe('failed')
  })

  it("should resolve, reopen and update a case with Persona's case events", async () => {
    const target = await webhookReceiver()
    closers.push(target.close)
    const app = createDemoUpstream({
      now: NOW,
      clock: () => LATER,
      rateLimits: false,
      webhooks: { target: target.url, personaSecret: 'wbhsec_demo' },
    })
    const events: string[] = []
    for (const change of [{ status: 'Declined' }, { status: 'Open' }, { status: 'Pending' }, { status: 'Done', resolution: 'Approved' }]) {
      const answer = (await (await control(app, `/cases/${STORY_IDS.case}/status`, change)).json()) as { event: string }
      events.push(answer.event)
    }
    expect(events).toEqual(['case.resolved', 'case.reopened', 'case.updated', 'case.resolved'])
    expect(target.received.map((r) => JSON.parse(r.body).data.attributes.name)).toEqual(events)
    const resolved = JSON.parse(target.received[0]!.body).data.attributes.payload.data.attributes
    expect(resolved).toMatchObject({ status: 'Declined', resolution: 'Declined', 'resolver-id': STORY_IDS.caseAssignee })
    const now = (await read(app, `/cases/${STORY_IDS.case}`)).data.attributes
    expect(now).toMatchObject({ status: 'Done', resolution: 'Approved', 'resolved-at': new Date(LATER).toISOString() })
    expect((await read(app, `/cases?filter[inquiry-id]=${STORY_IDS.failedInquiry}&filter[status]=done`)).data.map((c) => c.id)).toEqual([
      STORY_IDS.case,
    ])

    const cleared = await app.fetch(new Request('http://demo/__demo/persona/changes', { method: 'DELETE' }))
    expect(await cleared.json()).toEqual({ cleared: 1 })
    expect((await read(app, `/cases/${STORY_IDS.case}`)).data.attributes.status).toBe('Open')
  })

  it('should change statuses without webhooks (delivery null), and refuse unknown IDs and statuses', async () => {
    const app = createDemoUpstream({ now: NOW, clock: () => LATER, rateLimits: false })
    const ok = (await (await control(app, `/inquiries/${STORY_IDS.earlierInquiry}/status`, { status: 'needs_review' })).json()) as Record<
      string,
      unknown
    >
    expect(ok).toMatchObject({ event: 'inquiry.marked-for-review', delivery: null })
    expect((await read(app, `/inquiries/${STORY_IDS.earlierInquiry}`)).data.attributes.status).toBe('needs_review')
    expect((await control(app, '/inquiries/inq_AAAAAAAAAAAAAAAAAAAAAAAA/status', { status: 'approved' })).status).toBe(404)
    expect((await control(app, `/inquiries/${STORY_IDS.failedInquiry}/status`, { status: 'created' })).status).toBe(400)
    expect((await control(app, `/cases/${STORY_IDS.case}/status`, { status: '' })).status).toBe(400)
    expect((await control(app, '/cases/case_AAAAAAAAAAAAAAAAAAAAAAAA/status', { status: 'Open' })).status).toBe(404)
  })
})
