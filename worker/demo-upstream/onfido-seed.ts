/**
 * The demo's Onfido account (docs/vendors/onfido.md): workflow runs in every status, and for each run
 * that reached a decision a check with a document and a facial similarity report. Newest first,
 * `created_at` strictly decreasing. Personal data is fake and present, as Onfido sends it (the run's
 * `output`, the document report's `properties`, the customer's `link.url`): keeping it in is the
 * relay's job.
 */
import { createRng, type Rng } from './prng.ts'
import { DAY, HOUR, iso, MINUTE, SECOND } from './timeline.ts'
import type { OnfidoApplicant, OnfidoCheck, OnfidoReport, OnfidoResult, OnfidoRunStatus, OnfidoWorkflowRun } from './onfido-types.ts'

export const ONFIDO_SEED = 20260301
export const ONFIDO_RUN_COUNT = 60
/** The demo story's customer (persona-story.ts): Dana also went through Onfido, under the same user ID. */
export const ONFIDO_STORY = {
  customerUserId: 'user-7431',
  applicantId: '3b9f6c2e-8a41-4d7e-b2c5-9e0a1f6d4c83',
  /** Declined three weeks ago: the photo of the document was too blurred to read. */
  declinedRunId: 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46',
  /** The new run Acme sent after it, still waiting for Dana. */
  waitingRunId: 'e8d14b7a-6c2f-4a95-b3e1-7f0c2d9a5b18',
} as const
const WORKFLOW_IDS = ['a7f3c9e1-2b4d-4f6a-8c0e-5d1b3f7a9c24', 'f1e2d3c4-b5a6-4978-8a6b-5c4d3e2f1a0b'] as const
const DASHBOARD = 'https://dashboard.onfido.com'

export type OnfidoDataset = {
  /** Newest first. */
  runs: readonly OnfidoWorkflowRun[]
  runsById: ReadonlyMap<string, OnfidoWorkflowRun>
  applicants: ReadonlyMap<string, OnfidoApplicant>
  checks: ReadonlyMap<string, OnfidoCheck>
  reports: ReadonlyMap<string, OnfidoReport>
}

/** Why a run ended, as a workflow's configured `reasons`, and the report that failed. */
const FAILURES = [
  { reasons: ['document_image_quality'], report: 'document', breakdown: 'image_integrity', subResult: 'caution' },
  { reasons: ['document_expired'], report: 'document', breakdown: 'data_validation', subResult: 'rejected' },
  { reasons: ['document_suspected_fraud'], report: 'document', breakdown: 'visual_authenticity', subResult: 'suspected' },
  { reasons: ['face_mismatch'], report: 'facial_similarity_photo', breakdown: 'face_comparison', subResult: null },
] as const
type Failure = (typeof FAILURES)[number]

const STATUS_WEIGHTS: readonly (readonly [OnfidoRunStatus, number])[] = [
  ['approved', 18],
  ['declined', 12],
  ['review', 6],
  ['awaiting_input', 8],
  ['awaiting_client_input', 3],
  ['processing', 4],
  ['abandoned', 6],
  ['error', 3],
]
const FIRST = ['Noor', 'Elias', 'Hana', 'Tomás', 'Aiko', 'Marta', 'Oskar', 'Leila']
const LAST = ['Haddad', 'Lindqvist', 'Novak', 'Ferreira', 'Sato', 'Kowalski', 'Berg', 'Mensah']

type Person = { first_name: string; last_name: string; date_of_birth: string; document_number: string; email: string }

function person(rng: Rng): Person {
  const first = rng.pick(FIRST)
  const last = rng.pick(LAST)
  const dob = `${rng.int(1950, 2004)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
  return {
    first_name: first,
    last_name: last,
    date_of_birth: dob,
    document_number: `P${rng.int(1_000_000, 9_999_999)}`,
    email: `${first}.${last}@example.com`.toLowerCase(),
  }
}

const item = (result: OnfidoResult) => ({ result })
const resultOf = (failed: boolean): OnfidoResult => (failed ? 'consider' : 'clear')
/** A document report's breakdown: each item clear, the failed one (if any) `consider`. */
function documentBreakdown(failed: string | null) {
  const of = (name: string) => resultOf(name === failed)
  return {
    data_comparison: item('clear'),
    data_validation: {
      result: of('data_validation'),
      breakdown: { document_expiration: item(of('data_validation')), document_numbers: item('clear') },
    },
    image_integrity: {
      result: of('image_integrity'),
      breakdown: { image_quality: item(of('image_integrity')), supported_document: item('clear') },
    },
    visual_authenticity: {
      result: of('visual_authenticity'),
      breakdown: { security_features: item(of('visual_authenticity')), fonts: item('clear') },
    },
    data_consistency: item('clear'),
  }
}

function faceBreakdown(failed: boolean) {
  const result = resultOf(failed)
  return {
    face_comparison: { result, breakdown: { face_match: { result, properties: { score: failed ? 0.12 : 0.93 } } } },
    image_integrity: item('clear'),
    visual_authenticity: item('clear'),
  }
}

type CheckPlan = { rng: Rng; run: OnfidoWorkflowRun; who: Person; failure: Failure | null; at: number }

/** The check a decided run made, with its two reports. */
function checkFor({ rng, run, who, failure, at }: CheckPlan): { check: OnfidoCheck; reports: OnfidoReport[] } {
  const checkId = rng.uuid()
  const base = { created_at: iso(at), status: 'complete' as const, check_id: checkId }
  const docFailed = failure?.report === 'document'
  const document: OnfidoReport = {
    ...base,
    id: rng.uuid(),
    name: 'document',
    href: '',
    result: docFailed ? 'consider' : 'clear',
    sub_result: docFailed ? failure.subResult : 'clear',
    breakdown: documentBreakdown(docFailed ? failure.breakdown : null),
    properties: {
      first_name: who.first_name,
      last_name: who.last_name,
      date_of_birth: who.date_of_birth,
      document_type: 'passport',
      issuing_country: 'GBR',
      document_numbers: [{ type: 'document_number', value: who.document_number }],
    },
    documents: [{ id: rng.uuid() }],
  }
  const faceFailed = failure?.report === 'facial_similarity_photo'
  const face: OnfidoReport = {
    ...base,
    id: rng.uuid(),
    name: 'facial_similarity_photo',
    href: '',
    result: faceFailed ? 'consider' : 'clear',
    breakdown: faceBreakdown(faceFailed),
    properties: { score: faceFailed ? 0.12 : 0.93 },
    documents: [{ id: document.documents[0]!.id }],
    live_photos: [{ id: rng.uuid() }],
  }
  for (const report of [document, face]) report.href = `/v3.6/reports/${report.id}`
  const check: OnfidoCheck = {
    id: checkId,
    applicant_id: run.applicant_id,
    created_at: iso(at),
    href: `/v3.6/checks/${checkId}`,
    status: 'complete',
    result: failure ? 'consider' : 'clear',
    results_uri: `${DASHBOARD}/checks/${checkId}`,
    report_ids: [document.id, face.id],
    tags: [],
    sandbox: true,
    paused: false,
    version: '3.6',
    webhook_ids: [],
    applicant_provides_data: false,
    privacy_notices_read_consent_given: true,
  }
  return { check, reports: [document, face] }
}

/** The seeded run (declined, FAILURES[1]) whose workflow sets no `reasons`. */
const REASONLESS_INDEX = 1

const DECIDED: ReadonlySet<OnfidoRunStatus> = new Set(['approved', 'declined', 'review'])

type RunPlan = {
  rng: Rng
  id: string
  applicantId: string
  customerUserId: string
  status: OnfidoRunStatus
  failure: Failure | null
  created: number
  who: Person
  /** A workflow that sets no `reasons`: only the run's reports say why. */
  reasonless?: boolean
}

function runOf({ rng, id, applicantId, customerUserId, status, failure, created, who, reasonless }: RunPlan): OnfidoWorkflowRun {
  const expires = created + 7 * DAY
  return {
    id,
    applicant_id: applicantId,
    workflow_id: rng.pick(WORKFLOW_IDS),
    workflow_version_id: rng.int(3, 9),
    dashboard_url: `${DASHBOARD}/results/${id}`,
    status,
    output: DECIDED.has(status) ? { first_name: who.first_name, last_name: who.last_name, dob: who.date_of_birth, email: who.email } : {},
    reasons: (status === 'declined' || status === 'review') && !reasonless ? [...(failure?.reasons ?? [])] : [],
    tags: rng.chance(0.3) ? ['vip'] : [],
    customer_user_id: customerUserId,
    link: {
      url: `https://eu.onfido.app/l/${rng.base58(22)}`,
      completed_redirect_url: null,
      expired_redirect_url: null,
      expires_at: iso(expires),
      language: rng.chance(0.3) ? 'de_DE' : 'en_US',
    },
    ...(status === 'error' ? { error: { type: 'task_error', message: 'A task of the workflow failed.' } } : {}),
    sdk_token: status === 'awaiting_input' ? `eyJ${rng.base58(40)}` : null,
    created_at: iso(created),
    updated_at: iso(created + (DECIDED.has(status) ? 9 * MINUTE : 2 * MINUTE)),
  }
}

type Seeded = { runs: OnfidoWorkflowRun[]; applicants: Map<string, OnfidoApplicant>; checks: OnfidoCheck[]; reports: OnfidoReport[] }

/** The run's applicant, made before its first run; its other values from the person's (no draw, so the seed's runs stay as they were). */
function applicantOf(plan: RunPlan): OnfidoApplicant {
  const { who, applicantId: id } = plan
  const digits = who.document_number.slice(1)
  return {
    id,
    created_at: iso(plan.created - 5 * MINUTE),
    href: `/v3.6/applicants/${id}`,
    sandbox: true,
    first_name: who.first_name,
    last_name: who.last_name,
    email: who.email,
    dob: who.date_of_birth,
    phone_number: `+44 7700 9${digits.slice(0, 5)}`,
    id_numbers: [{ type: 'passport', value: who.document_number }],
    address: {
      building_number: String(Number(digits.slice(0, 2)) + 1),
      street: 'Test Street',
      town: 'London',
      postcode: `SW1A ${digits.slice(2, 3)}AA`,
      country: 'GBR',
    },
    location: { ip_address: '192.0.2.10', country_of_residence: 'GBR' },
  }
}

function addRun(seeded: Seeded, plan: RunPlan): void {
  const run = runOf(plan)
  seeded.runs.push(run)
  if (!seeded.applicants.has(run.applicant_id)) seeded.applicants.set(run.applicant_id, applicantOf(plan))
  if (!DECIDED.has(plan.status)) return
  const made = checkFor({ rng: plan.rng, run, who: plan.who, failure: plan.failure, at: plan.created + 8 * MINUTE })
  seeded.checks.push(made.check)
  seeded.reports.push(...made.reports)
}

/** Dana's two runs, at fixed IDs: the one declined for a blurred document, and the new one waiting. */
function addStory(seeded: Seeded, rng: Rng, now: number): void {
  const who: Person = {
    first_name: 'Dana',
    last_name: 'Customer',
    date_of_birth: '1991-04-17',
    document_number: 'P7431002',
    email: 'dana.customer@example.com',
  }
  const common = { rng, applicantId: ONFIDO_STORY.applicantId, customerUserId: ONFIDO_STORY.customerUserId, who }
  addRun(seeded, {
    ...common,
    id: ONFIDO_STORY.waitingRunId,
    status: 'awaiting_input',
    failure: null,
    created: now - 2 * DAY - 13 * MINUTE,
  })
  addRun(seeded, {
    ...common,
    id: ONFIDO_STORY.declinedRunId,
    status: 'declined',
    failure: FAILURES[0],
    created: now - 21 * DAY - 31 * MINUTE,
  })
}

export function seedOnfido(now: number, seed = ONFIDO_SEED): OnfidoDataset {
  const rng = createRng(seed)
  const seeded: Seeded = { runs: [], applicants: new Map(), checks: [], reports: [] }
  addStory(seeded, rng, now)
  for (let i = 0; i < ONFIDO_RUN_COUNT; i++) {
    // Every status at least once, then by weight.
    const status = STATUS_WEIGHTS[i]?.[0] ?? rng.weighted(STATUS_WEIGHTS)
    const failure = status === 'declined' || status === 'review' ? FAILURES[i % FAILURES.length]! : null
    const created = now - (i + 1) * 7 * HOUR - rng.int(0, 3000) * SECOND
    const plan = {
      rng,
      id: rng.uuid(),
      applicantId: rng.uuid(),
      customerUserId: `cust-${rng.hex(8)}`,
      status,
      failure,
      created,
      who: person(rng),
    }
    // The first declined run's workflow sets no reasons (its document report failed for authenticity).
    addRun(seeded, { ...plan, reasonless: i === REASONLESS_INDEX })
  }
  const runs = seeded.runs.sort((a, b) => b.created_at.localeCompare(a.created_at))
  return {
    runs,
    runsById: new Map(runs.map((run) => [run.id, run])),
    applicants: seeded.applicants,
    checks: new Map(seeded.checks.map((check) => [check.id, check])),
    reports: new Map(seeded.reports.map((report) => [report.id, report])),
  }
}
