import type { VendorName } from '@idv-lens/shared/api'
import { describe, expect, it } from 'vitest'
import { canonicalKey, type Rule } from '../src/vendors/allowlist-walk.ts'
import { PERSONA_RESOURCE_RULE } from '../src/vendors/persona/allowlist.ts'
import { VENDOR_ROUTERS } from '../src/vendors/routers.ts'
import { inflectKeysDeep, type KeyInflection } from '../demo-upstream/inflection.ts'
import { leaves, specSamples, type Sample, type SpecVersion } from './persona-spec-samples.ts'
import { AGENT_TOKEN, testRelay, type TestRelay } from './helpers.ts'
import { SUMSUB_SENTINEL } from '../demo-upstream/sumsub/sumsub-seed.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const IDS: Record<string, string> = {
  inquiries: INQ,
  'inquiry-sessions': 'iqse_T8PrqpoEhwhUV1wHReuU9ofs',
  events: 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a',
  verifications: 'ver_ww2rkwtA6c2FQMMw1PyPKgnZ',
  cases: 'case_gqe7rH38FvxtzhGBQmDBsjkB',
  'my-cases': 'case_gqe7rH38FvxtzhGBQmDBsjkB',
  sessions: '3f2c1a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b',
  verification_sessions: 'vs_1Pgc76B7WZ01zgkWBdQi8PTU',
  verification_reports: 'vr_QXhW13B2hsHOm43JtUgs0f0w',
  workflow_runs: 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46',
  checks: '5720848b-5cfb-4f0a-96d0-37588b81be7d',
  reports: 'd3fd04ad-9f50-4fcd-9a51-57dfd4b58f39',
  applicants: '65a1f0c2e4b0a1b2c3d4e504',
}
const VERSIONS: SpecVersion[] = ['2025-12-08', '2023-01-05']

/** Each retrieve route with `include=` of every relationship the spec gives its type, and one with a sparse fieldset. */
const RETRIEVES = [
  {
    type: 'inquiry',
    path: `/v1/persona/inquiries/${INQ}?include=account,documents,template,inquiry-template,inquiry-template-version,reports,transaction,reviewer,selfies,sessions,verifications`,
  },
  { type: 'inquiry', path: `/v1/persona/inquiries/${INQ}?fields%5Binquiry%5D=status,name-first,fields` },
  { type: 'inquiry-session', path: `/v1/persona/inquiry-sessions/${IDS['inquiry-sessions']}?include=inquiry,device,network` },
  {
    type: 'verification/government-id',
    path: `/v1/persona/verifications/${IDS.verifications}?include=inquiry,template,inquiry-template-version,inquiry-template,transaction,verification-template,verification-template-version,accounts`,
  },
  {
    type: 'case',
    path: `/v1/persona/cases/${IDS.cases}?include=accounts,case-comments,case-template,case-queue,inquiries,reports,verifications,txns`,
  },
  { type: 'event', path: `/v1/persona/events/${IDS.events}` },
]
const LISTS = [
  '/v1/persona/inquiries?page%5Bsize%5D=100',
  '/v1/persona/inquiry-sessions?page%5Bsize%5D=100',
  '/v1/persona/events?page%5Bsize%5D=100',
  `/v1/persona/cases?filter%5Binquiry-id%5D=${INQ}`,
]
const INFLECTIONS: KeyInflection[] = ['kebab', 'camel', 'snake']

/**
 * Attribute names that hold a person's data or a link, by the spec's own words; none may be allowed
 * anywhere. Written apart from the allowlist on purpose: it is what the allowlist is checked against.
 */
const PERSONAL = new RegExp(
  `^(${[
    'name-(first|middle|last|full|suffix|business)',
    '.*-name-.*',
    'native-name-.*',
    'alias-name',
    'married-name',
    'kana-name',
    'hanyu-pinyin.*',
    'birth.*',
    '.*birthdate',
    'place-of-birth',
    'birth-place',
    'sex',
    'gender',
    'height',
    'nationality',
    'race',
    'secondary-race',
    'age-in-years',
    '.*address.*',
    '.*-street.*',
    '.*postal-code.*',
    'addressee',
    'resolved-address.*',
    'email',
    'email-address',
    'email-domain',
    'phone',
    'phone-number',
    'phone-carrier',
    'phone-city',
    'phone-country-code',
    'phone-subdivision',
    '.*-number',
    'identification-.*',
    'identity-.*',
    'social-security.*',
    'tin',
    'cpf',
    'pcn',
    'ci',
    'di',
    'sharecode',
    'issuing-authority',
    'expiration-date',
    'issue-date',
    'id-expiry-date',
    'document-expiry-date',
    'document-issuing-date',
    'fields',
    'attachments',
    'files',
    'files-normalized',
    'extraction-responses',
    'extracted-identity',
    '.*-url',
    '.*-urls',
    'url',
    '.*photo.*',
    '.*video.*',
    '.*image.*',
    '.*picture.*',
    'face-.*',
    '.*coordinates',
    'note',
    'message',
    'reviewer-comment',
    'creator',
    'creator-id',
    'commenter-id',
    'assigner-id',
    'resolver-id',
    'updater-id',
    'ip-address',
    'latitude',
    'longitude',
    'gps-.*',
    'user-agent',
    '.*fingerprint.*',
    'device-vendor-id',
    'signature-ip',
    'term',
    'query',
    'result',
    'related-sources',
    'associated-persons',
    'identity-records',
    'ownership-information',
  ].join('|')})$`,
)

/** The attribute names along a path (`attributes.checks[].name` → checks, name). */
const namesOf = (path: string) =>
  path
    .split('.')
    .map((p) => p.replace(/\[\]/g, ''))
    .filter((p) => p && p !== 'attributes')

/**
 * Whether the allowlist lets the value at `path` of `sample` through: the rules followed along the
 * path, choices made on the sample's own values (a relationship's data, an event's payload).
 */
function allowedPath(sample: Record<string, unknown>, path: string): boolean {
  let rule: Rule | null = PERSONA_RESOURCE_RULE
  let value: unknown = sample
  const tokens = path.split('.').flatMap((part) => {
    const [key, ...rest] = part.split('[]')
    return [key as string, ...rest.map(() => '[]')].filter(Boolean)
  })
  for (const token of tokens) {
    while (rule?.kind === 'choose') rule = rule.choose(value)
    if (!rule) return false
    if (token === '[]') {
      if (rule.kind === 'list') rule = rule.item
      else if (rule.kind !== 'value') return false
      value = (value as unknown[])[0]
      continue
    }
    if (rule.kind === 'object') rule = rule.keys.get(canonicalKey(token)) ?? null
    else return false
    if (!rule) return false
    value = (value as Record<string, unknown>)[token]
  }
  while (rule?.kind === 'choose') rule = rule.choose(value)
  return rule?.kind === 'value'
}

type Expectation = { kept: Set<string | number>; dropped: Set<string | number> }

/** Which sentinels of `samples` must come back and which must not. */
function expectationsFor(samples: Sample[], origins: Map<string | number, { type: string; path: string }>): Expectation {
  const byType = new Map(samples.map((s) => [s.type, s.object]))
  const kept = new Set<string | number>()
  const dropped = new Set<string | number>()
  for (const [sentinel, { type, path }] of origins) {
    const sample = byType.get(type)
    if (!sample) continue
    ;(allowedPath(sample, path) ? kept : dropped).add(sentinel)
  }
  return { kept, dropped }
}

/** No value the allowlist drops came back, and every value it keeps that was served did. */
function expectLeastData(text: string, expected: Expectation, what: string, served: unknown) {
  const sent = leaves(served)
  const found = leaves(JSON.parse(text))
  const leaked = [...expected.dropped].filter((s) => found.has(s))
  expect(leaked, `${what}: values of attributes the allowlist does not name`).toEqual([])
  const lost = [...expected.kept].filter((s) => sent.has(s) && !found.has(s))
  expect(lost, `${what}: allowed values that did not come back`).toEqual([])
}

async function served(
  relay: TestRelay,
  body: unknown,
  path: string,
  inflection: KeyInflection,
  version: SpecVersion,
  expected: Expectation,
) {
  await relay.fault({ provider: 'persona', fault: 'invalid', body, times: 1 })
  const res = await relay.get(path, { headers: { 'key-inflection': inflection, 'persona-version': version } })
  expect(res.status, `${path}: ${res.status}`).toBe(200)
  expectLeastData(await res.text(), expected, `${path} (${inflection})`, body)
}

describe("the allowlist against every object type of Persona's spec", () => {
  it.each(VERSIONS)('%s: the allowlist names no attribute that holds a person, a link or free text', (version) => {
    const { samples, origins } = specSamples(version)
    expect(samples.length).toBeGreaterThan(80)
    const byType = new Map(samples.map((s) => [s.type, s.object]))
    // `name` is a person's on a verification or report, and a label (a template's, a queue's, a check's) elsewhere.
    const personName = (type: string, path: string) => path === 'attributes.name' && /^(verification|report)\//.test(type)
    const personal = [...origins.values()].filter(
      ({ type, path }) => path.startsWith('attributes.') && (personName(type, path) || namesOf(path).some((name) => PERSONAL.test(name))),
    )
    expect(personal.length).toBeGreaterThan(500)
    const allowedPersonal = personal.filter(({ type, path }) => allowedPath(byType.get(type) ?? {}, path))
    expect(allowedPersonal.map(({ type, path }) => `${type} ${path}`)).toEqual([])
    // Every verification type of the spec has its allowlist (exact or by family) and keeps its checks.
    for (const { type, object } of samples.filter((s) => s.type.startsWith('verification/'))) {
      expect(allowedPath(object, 'attributes.checks[].reasons[]'), type).toBe(true)
      expect(allowedPath(object, 'attributes.status'), type).toBe(true)
    }
  })

  it.each(VERSIONS)(
    '%s: every list and retrieve route, with include= of every relationship and sparse fieldsets, in every inflection',
    async (version) => {
      const { samples, origins } = specSamples(version)
      const expected = expectationsFor(samples, origins)
      expect(expected.kept.size).toBeGreaterThan(300)
      expect(expected.dropped.size).toBeGreaterThan(1000)
      const all = samples.map((s) => s.object)
      const sample = (type: string) => samples.find((s) => s.type === type)!.object
      for (const inflection of INFLECTIONS) {
        const relay = testRelay()
        const inflect = (body: unknown) => inflectKeysDeep(body, inflection)
        for (const { path, type } of RETRIEVES) {
          await served(relay, inflect({ data: sample(type), included: all }), path, inflection, version, expected)
        }
        for (const path of LISTS)
          await served(relay, inflect({ data: all, links: { prev: null, next: null } }), path, inflection, version, expected)
      }
    },
  )

  it.each(VERSIONS)('%s: event payloads (data and included) of every type in every inflection', async (version) => {
    const { samples, origins } = specSamples(version)
    const expected = expectationsFor(samples, origins)
    for (const inflection of INFLECTIONS) {
      const relay = testRelay()
      // Each object as an event's subject, with its neighbours as the payload's included objects.
      const events = samples.map((s, i) => ({
        type: 'event',
        id: `evt_${String(i).padStart(24, '0')}`,
        attributes: {
          name: `${s.type}.updated`,
          'created-at': '2025-01-01T00:00:00.000Z',
          payload: { data: s.object, included: samples.slice(i + 1, i + 3).map((n) => n.object) },
        },
      }))
      const body = inflectKeysDeep({ data: events, links: { prev: null, next: null } }, inflection)
      await served(relay, body, '/v1/persona/events?page%5Bsize%5D=100', inflection, version, expected)
      const single = inflectKeysDeep({ data: events[0] }, inflection)
      await served(relay, single, `/v1/persona/events/${IDS.events}`, inflection, version, expected)
    }
  })
})

/** A Persona body with personal values in every place one can hide, and one allowed value to find. */
function personalPersonaBody(list: boolean) {
  const verification = {
    type: 'verification/government-id',
    id: 'ver_ww2rkwtA6c2FQMMw1PyPKgnZ',
    attributes: {
      status: 'failed',
      'name-first': 'PII-ALEXANDER',
      birthdate: 'PII-1990-01-01',
      'front-photo-url': 'PII-https://files.example/x?access_token=1',
    },
  }
  const inquiry = {
    type: 'inquiry',
    id: INQ,
    attributes: {
      status: 'failed',
      'reference-id': 'ALLOWED-REF',
      fields: { 'name-first': { type: 'string', value: 'PII-FIELD' } },
      'email-address': 'PII-EMAIL',
      'a-later-attribute': 'PII-LATER',
    },
    relationships: { verifications: { data: [{ type: verification.type, id: verification.id }], links: { related: 'PII-LINK' } } },
  }
  const theCase = {
    type: 'case',
    id: IDS.cases,
    attributes: { status: 'Open', fields: { note: 'PII-CASE-FIELD' }, attachments: [{ url: 'PII-ATTACHMENT' }] },
  }
  const event = {
    type: 'event',
    id: IDS.events,
    attributes: { name: 'inquiry.failed', payload: { data: inquiry, included: [verification] } },
  }
  const included = [verification, theCase, event]
  return list ? { data: [inquiry, verification, theCase, event], links: { prev: null, next: null } } : { data: inquiry, included }
}

const deepidvPersonalRecord = {
  id: IDS.sessions,
  status: 'REJECTED',
  external_id: 'ALLOWED-EXTERNAL',
  created_at: '2025-01-01T00:00:00.000Z',
  meta_data: { applicantSubmissionIp: 'PII-IP' },
  analysis_data: { id_analysis_data: { id_extracted_text: 'PII-OCR', detect_face_data: [{ landmarks: 'PII-FACE' }] } },
  a_later_field: 'PII-LATER',
}
const deepidvPersonalBody = (list: boolean) =>
  list
    ? { sessions: [deepidvPersonalRecord], next_token: null }
    : {
        session_record: deepidvPersonalRecord,
        user: { id: 'u1', email: 'PII-EMAIL', first_name: 'PII-NAME', phone: 'PII-PHONE' },
        sender_user: { id: 'u2', email: 'PII-SENDER' },
        resource_links: { id_front: 'PII-LINK' },
      }

// Stripe's: every field of its types is in stripe-allowlist.test.ts; here a route's transform is checked.
const stripePersonalObject = (path: string) =>
  path.includes('reports')
    ? {
        id: IDS.verification_reports,
        object: 'identity.verification_report',
        created: 1,
        client_reference_id: 'ALLOWED-STRIPE-REF',
        document: { status: 'verified', first_name: 'PII-NAME', files: ['PII-FILE'] },
      }
    : {
        id: IDS.verification_sessions,
        object: 'identity.verification_session',
        created: 1,
        status: 'verified',
        client_reference_id: 'ALLOWED-STRIPE-REF',
        client_secret: 'PII-SECRET',
        url: 'PII-URL',
        verified_outputs: { email: 'PII-EMAIL' },
        metadata: { a: 'PII-META' },
      }
const stripePersonalBody = (path: string, list: boolean) =>
  list ? { object: 'list', url: 'PII-LIST-URL', has_more: false, data: [stripePersonalObject(path)] } : stripePersonalObject(path)
// Onfido's: every field of its spec is in onfido-allowlist.test.ts; here a route's transform is checked.
const onfidoRun = {
  id: IDS.workflow_runs,
  applicant_id: IDS.checks,
  workflow_id: IDS.reports,
  status: 'declined',
  tags: ['ALLOWED-ONFIDO'],
  output: { first_name: 'PII-NAME' },
  link: { url: 'PII-LINK', expires_at: '2026-01-01T00:00:00Z' },
  sdk_token: 'PII-SDK',
  error: { type: 'task_error', message: 'PII-MESSAGE' },
}
const onfidoReport = {
  id: IDS.reports,
  name: 'document',
  result: 'ALLOWED-ONFIDO',
  properties: { first_name: 'PII-NAME' },
  documents: [{ id: 'PII-DOC' }],
  breakdown: { age_validation: { result: 'clear', properties: { age: 'PII-AGE' } } },
}
function onfidoPersonalBody(path: string, list: boolean) {
  if (path.startsWith('/workflow_runs')) return list ? [onfidoRun] : onfidoRun
  if (path.startsWith('/checks')) {
    const check = {
      id: IDS.checks,
      applicant_id: IDS.workflow_runs,
      tags: ['ALLOWED-ONFIDO'],
      results_uri: 'PII-URI',
      form_uri: 'PII-FORM',
    }
    return list ? { checks: [check] } : check
  }
  return list ? { reports: [onfidoReport] } : onfidoReport
}
const personalBody = (vendor: string, path: string, list: boolean) =>
  vendor === 'persona'
    ? personalPersonaBody(list)
    : vendor === 'stripe'
      ? stripePersonalBody(path, list)
      : vendor === 'onfido'
        ? onfidoPersonalBody(path, list)
        : deepidvPersonalBody(list)
const ALLOWED: Record<string, string> = {
  persona: 'ALLOWED-REF',
  deepidv: 'ALLOWED-EXTERNAL',
  stripe: 'ALLOWED-STRIPE-REF',
  onfido: 'ALLOWED-ONFIDO',
}

const SAMPLE_QUERY: Record<string, string> = {
  '/cases': `?filter%5Binquiry-id%5D=${INQ}`,
  '/reports': `?check_id=${IDS.checks}`,
  '/checks': `?applicant_id=${IDS.workflow_runs}`,
}

describe('no vendor route bypasses the allowlist', () => {
  // Every GET route the vendors register, with a personal body served for it: a route whose transform
  // is not the allowlist (or that has none) hands the sentinels on and fails here.
  const routes = (Object.entries(VENDOR_ROUTERS) as [string, { routes: { method: string; path: string }[] }][]).flatMap(
    ([vendor, router]) =>
      [...new Set(router.routes.filter((r) => r.method === 'GET').map((r) => r.path))].map((path) => ({ vendor, path })),
  )

  it('finds the vendor routes', () => {
    expect(routes.map((r) => `${r.vendor} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'persona /inquiries',
        'persona /inquiries/:id',
        'persona /events',
        'persona /events/:id',
        'deepidv /sessions',
        'deepidv /sessions/:id',
        'stripe /identity/verification_sessions',
        'stripe /identity/verification_sessions/:id',
        'stripe /identity/verification_reports/:id',
      ]),
    )
  })

  it.each(routes.filter((r) => r.vendor !== 'sumsub'))(
    '$vendor $path passes nothing personal and keeps what is allowed',
    async ({ vendor, path }) => {
      // The caller's own cases: its agent is an email, the sample case assigned to it (my-cases.ts).
      const mine = path === '/my-cases'
      const relay = testRelay(mine ? { AGENT_TOKENS: `me@x.example:${AGENT_TOKEN}` } : {})
      const list = !path.includes(':id')
      const resource = path.split('/')[vendor === 'stripe' ? 2 : 1] as string
      const id = IDS[resource]
      expect(id, `a sample ID for ${path}: add one to IDS`).toBeDefined()
      const url = `/v1/${vendor}${path.replace(':id', id as string)}${SAMPLE_QUERY[path] ?? ''}`
      const body = personalBody(vendor, path, list) as { data: { type: string; attributes: Record<string, unknown> }[] }
      if (mine) for (const item of body.data) if (item.type === 'case') item.attributes['assignee-id'] = 'me@x.example'
      await relay.fault({ provider: vendor as VendorName, fault: 'invalid', body, times: 1 })
      const res = await relay.get(url)
      expect(res.status, url).toBe(200)
      const text = await res.text()
      expect(text.match(/PII-[A-Za-z-]*/g) ?? [], url).toEqual([])
      expect(text).toContain(mine ? IDS.cases : ALLOWED[vendor])
    },
  )

  // The demo's Sumsub applicants hold a sentinel in every personal field and in clientComment (demo-upstream/sumsub/sumsub-seed.ts).
  it.each(routes.filter((r) => r.vendor === 'sumsub'))(
    '$vendor $path passes nothing personal of the demo applicant and keeps what is allowed',
    async ({ path }) => {
      const relay = testRelay()
      const res = await relay.get(`/v1/sumsub${path.replace(':id', IDS.applicants!)}`)
      expect(res.status).toBe(200)
      const text = await res.text()
      expect(text).not.toContain(SUMSUB_SENTINEL)
      expect(text).toContain('demo-user-mara')
    },
  )
})
