/**
 * Seeded deepidv organization: 2,000 sessions sent by the demo key's user (about 2/3) and colleagues.
 * Like the Persona seed, each session's lifecycle is planned in full, then cut at the anchor.
 */
import {
  DEEPIDV_DEMO_USER,
  DEEPIDV_DEMO_USER_ID,
  DEEPIDV_ORGANIZATION_ID,
  deepidvFixture,
  FIXTURE_DEEPIDV_APPLICANT,
  FIXTURE_DEEPIDV_WORKFLOW_ID,
} from './deepidv-fixture.ts'
import type {
  DeepidvProgress,
  DeepidvSession,
  DeepidvSessionRecord,
  DeepidvSessionType,
  DeepidvStatus,
  DeepidvUploadKey,
  DeepidvUser,
  DeepidvWorkflowStep,
} from './deepidv-types.ts'
import { makeAnalysis } from './deepidv-seed-analysis.ts'
import { deepidvStory, STORY_DEEPIDV_APPLICANT } from './deepidv-story.ts'
import { STORY_SINCE } from './persona-story.ts'
import { FIRST_NAMES, LAST_NAMES } from './persona-catalog.ts'
import { createRng, type Rng } from './prng.ts'
import { DAY, descendingAges, HOUR, iso, MINUTE, SECOND, untie } from './timeline.ts'

export interface DeepidvData {
  organizationId: string
  demoUserId: string
  /** Newest first. */
  sessions: DeepidvSession[]
  users: DeepidvUser[]
}

export const GENERATED_DEEPIDV_SESSIONS = 1999 // + the fixture = 2,000

/** Records created before this use the older field spellings (string `location`, snake_case `meta_data`). */
const CAMEL_META_SINCE = Date.UTC(2024, 9, 1)

const COLLEAGUES: readonly DeepidvUser[] = [
  colleague('0b6f1c1e-3f52-4a0e-9d41-2c7b5e8a9f10', 'Noah', 'Ng', 'noah.ng@acme.example', '+14165550141', '2024-03-11T14:02:19.000Z'),
  colleague(
    '5d2a8e47-91c3-4f6b-8a1d-7e0c3b9f2a64',
    'Priya',
    'Raman',
    'priya.raman@acme.example',
    '+16475550188',
    '2024-07-22T08:45:03.000Z',
  ),
  colleague(
    '9c4e7b12-6a8d-4e3f-b5c1-0d9a2f7e4b83',
    'Marc',
    'Tremblay',
    'marc.tremblay@acme.example',
    '+15145550112',
    '2024-09-02T16:30:47.000Z',
  ),
  colleague(
    'e7a1d3f9-2b6c-4d8e-a0f4-5c9b1e3d7a26',
    'Sofia',
    'Lopez',
    'sofia.lopez@acme.example',
    '+16045550173',
    '2025-02-17T11:12:55.000Z',
  ),
  colleague('3f8b6d20-c4e1-4a7f-9b2d-8e5a0c1f6d39', 'Liam', 'Walsh', 'liam.walsh@acme.example', '+14035550190', '2025-05-06T19:58:31.000Z'),
]

function colleague(id: string, first: string, last: string, email: string, phone: string, created: string): DeepidvUser {
  return { id, email, first_name: first, last_name: last, phone, created_at: created, updated_at: created }
}

interface Workflow {
  id: string
  steps: DeepidvWorkflowStep[]
}

const WORKFLOWS: readonly (readonly [Workflow, number])[] = [
  [{ id: FIXTURE_DEEPIDV_WORKFLOW_ID, steps: ['ID_VERIFICATION', 'FACE_LIVENESS', 'PEP_SANCTIONS'] }, 5],
  [{ id: '7b3e9f24-5c1a-4d8b-9e6f-2a0c4d7b1e58', steps: ['ID_VERIFICATION', 'FACE_LIVENESS'] }, 6],
  [{ id: '1d9c5a73-8e2b-4f0a-b6d4-3c7e9a1f5b20', steps: ['ID_VERIFICATION', 'FACE_LIVENESS', 'AGE_ESTIMATION'] }, 2],
  [{ id: 'c6e2b8d1-4a7f-4e3c-9d05-8b1f6a2e7c49', steps: ['ID_VERIFICATION', 'FACE_LIVENESS', 'PEP_SANCTIONS', 'ADVERSE_MEDIA'] }, 3],
]
const CREDIT_WORKFLOW: Workflow = {
  id: '4a8f2c6e-9b1d-4c5a-8e3f-7d0b2a9c6e15',
  steps: ['ID_VERIFICATION', 'BANK_STATEMENT_UPLOAD', 'AI_BANK_STATEMENT_ANALYSIS'],
}
const DOC_WORKFLOW: Workflow = { id: '8e5d1b3a-2c7f-4a9e-b0d6-5f3c8a1e7b92', steps: ['DOCUMENT_UPLOAD', 'CUSTOM_FORM'] }
const SCREENING_STEPS: DeepidvWorkflowStep[] = ['PEP_SANCTIONS', 'ADVERSE_MEDIA']
const DEFAULT_STEPS: DeepidvWorkflowStep[] = ['ID_VERIFICATION', 'FACE_LIVENESS']

type Fate = 'verify-auto' | 'verify-manual' | 'reject' | 'await-review' | 'expire' | 'void' | 'fail'
const FATES: readonly (readonly [Fate, number])[] = [
  ['verify-auto', 36],
  ['verify-manual', 10],
  ['reject', 12],
  ['await-review', 8],
  ['expire', 19],
  ['void', 6],
  ['fail', 9],
]

const COUNTRIES: readonly (readonly [string, number])[] = [
  ['Canada', 55],
  ['United States', 33],
  ['United Kingdom', 5],
  ['Mexico', 3],
  ['India', 2],
  ['France', 2],
]
const DEVICES = [
  ['Mac', 'Safari'],
  ['Mac', 'Chrome'],
  ['Windows', 'Chrome'],
  ['Windows', 'Edge'],
  ['iPhone', 'Safari'],
  ['Android', 'Chrome'],
] as const

export function seedDeepidv(seed: number, anchor: number): DeepidvData {
  const rng = createRng(seed ^ 0x51ed270b)
  const ages = descendingAges(rng, GENERATED_DEEPIDV_SESSIONS, {
    newestMs: 3 * MINUTE,
    spacingMs: 2 * MINUTE,
    tailMs: 700 * DAY,
    power: 2.5,
    granularityMs: 1,
  })
  const applicants: { user: DeepidvUser; externalId: string | undefined }[] = []
  const sessions: DeepidvSession[] = []
  for (const age of ages) {
    const createdAt = anchor - age
    const returning = applicants.length > 0 && rng.chance(0.2) ? rng.pick(applicants) : null
    const applicant = returning ?? newApplicant(rng, createdAt)
    if (!returning) applicants.push(applicant)
    sessions.push(planSession(rng, createdAt, anchor, applicant.user, applicant.externalId))
  }
  const fixture = deepidvFixture(anchor)
  sessions.push(fixture)
  const story = deepidvStory(anchor, STORY_SINCE)
  if (story) sessions.push(story)
  sessions.sort((a, b) => a.createdAtMs - b.createdAtMs)
  untie(
    sessions,
    (s) => s.createdAtMs,
    (s, ms) => {
      s.createdAtMs = ms
      s.record.created_at = iso(ms)
    },
    1,
    (s) => s === fixture || s === story,
  )
  sessions.reverse()
  const users = [
    DEEPIDV_DEMO_USER,
    ...COLLEAGUES,
    FIXTURE_DEEPIDV_APPLICANT,
    ...(story ? [STORY_DEEPIDV_APPLICANT] : []),
    ...applicants.map((a) => a.user),
  ]
  return { organizationId: DEEPIDV_ORGANIZATION_ID, demoUserId: DEEPIDV_DEMO_USER_ID, sessions, users }
}

function newApplicant(rng: Rng, createdAt: number): { user: DeepidvUser; externalId: string | undefined } {
  const first = rng.pick(FIRST_NAMES)
  const last = rng.pick(LAST_NAMES)
  const created = iso(createdAt)
  const externalId = rng.chance(0.85)
    ? rng.weighted([
        [`user-${rng.int(10000, 99999)}`, 5],
        [`cust_${rng.hex(10)}`, 3],
        [`CRM-${rng.int(100000, 999999)}`, 2],
      ])
    : undefined
  return {
    user: {
      id: rng.uuid(),
      email: `${first}.${last}${rng.int(1, 999)}@example.com`.toLowerCase(),
      first_name: first,
      last_name: last,
      phone: `+1${rng.pick(['519', '416', '604', '647', '212', '415'])}555${String(rng.int(0, 9999)).padStart(4, '0')}`,
      created_at: created,
      updated_at: created,
    },
    externalId,
  }
}

function planSession(rng: Rng, createdAt: number, anchor: number, applicant: DeepidvUser, externalId: string | undefined): DeepidvSession {
  const id = rng.uuid()
  const sender = rng.chance(2 / 3) ? DEEPIDV_DEMO_USER_ID : rng.pick(COLLEAGUES).id
  const type = rng.weighted<DeepidvSessionType>([
    ['session', 70],
    ['verification', 15],
    ['silent-screening', 5],
    ['credit-application', 5],
    ['deep-doc', 5],
  ])
  const workflow =
    type === 'credit-application'
      ? CREDIT_WORKFLOW
      : type === 'deep-doc'
        ? DOC_WORKFLOW
        : type === 'silent-screening'
          ? null
          : rng.chance(0.8)
            ? rng.weighted(WORKFLOWS)
            : null
  const steps = type === 'silent-screening' ? SCREENING_STEPS : (workflow?.steps ?? DEFAULT_STEPS)
  const fate =
    type === 'silent-screening'
      ? rng.weighted<Fate>([
          ['verify-auto', 85],
          ['reject', 15],
        ])
      : rng.weighted(FATES)
  const country = rng.weighted(COUNTRIES)
  const [device, browser] = rng.pick(DEVICES)
  const legacy = createdAt < CAMEL_META_SINCE
  const ms = (): number => rng.int(0, 999)

  // The full plan; `seen` drops what hasn't happened by the anchor.
  const silent = type === 'silent-screening'
  const viewedAt = silent || (fate === 'expire' && rng.chance(0.5)) ? null : createdAt + rng.int(1, 48 * 60) * MINUTE + ms()
  const submits = fate !== 'expire' && fate !== 'void'
  const submittedAt = silent
    ? createdAt + rng.int(2, 20) * SECOND
    : submits && viewedAt !== null
      ? viewedAt + rng.int(2, 15) * MINUTE + ms()
      : null
  const analysedAt = submittedAt !== null ? submittedAt + rng.int(30, 180) * SECOND + ms() : null
  const decidedAt =
    analysedAt === null
      ? null
      : fate === 'verify-auto' || fate === 'reject' || fate === 'fail'
        ? analysedAt + rng.int(1, 10) * SECOND
        : fate === 'verify-manual'
          ? analysedAt + rng.int(1, 72) * HOUR + rng.int(0, 3599) * SECOND
          : null
  const voidedAt = fate === 'void' ? createdAt + rng.int(1, 48) * HOUR : null
  const expiredAt = fate === 'expire' ? createdAt + 7 * DAY : null
  const seen = (t: number | null): number | null => (t !== null && t <= anchor ? t : null)

  const finalStatus: DeepidvStatus =
    fate === 'reject' ? 'REJECTED' : fate === 'fail' ? 'FAILED' : fate === 'await-review' ? 'SUBMITTED' : 'VERIFIED'
  const status: DeepidvStatus =
    seen(voidedAt) !== null
      ? 'VOIDED'
      : seen(expiredAt) !== null
        ? 'EXPIRED'
        : seen(decidedAt) !== null
          ? finalStatus
          : seen(submittedAt) !== null
            ? 'SUBMITTED'
            : 'PENDING'
  const progress: DeepidvProgress = seen(submittedAt) !== null ? 'COMPLETED' : seen(viewedAt) !== null ? 'STARTED' : 'PENDING'
  const updatedAt = Math.max(createdAt, ...[viewedAt, submittedAt, analysedAt, decidedAt, voidedAt, expiredAt].map((t) => seen(t) ?? 0))

  const uploads = makeUploads(rng, steps, progress)
  const metaData: Record<string, string> = {}
  const metaKey = (camel: string): string => (legacy ? camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : camel)
  if (seen(viewedAt) !== null) metaData[metaKey('applicantViewTime')] = iso(viewedAt as number)
  if (seen(submittedAt) !== null && !silent) {
    const ip = `${rng.pick(['198.51.100.', '203.0.113.', '192.0.2.'])}${rng.int(1, 254)}`
    metaData[metaKey('applicantSubmissionIp')] = rng.chance(0.3) ? `${ip}, 10.0.${rng.int(0, 255)}.${rng.int(1, 254)}` : ip
    metaData[metaKey('applicantSubmissionDevice')] = device
    metaData[metaKey('applicantSubmissionBrowser')] = browser
  }
  const analysis =
    seen(analysedAt) !== null ? makeAnalysis(rng, steps, fate === 'reject' || fate === 'fail', analysedAt as number, applicant) : undefined

  const record: DeepidvSessionRecord = {
    id,
    organization_id: DEEPIDV_ORGANIZATION_ID,
    user_id: applicant.id,
    sender_user_id: sender,
    ...(externalId === undefined ? {} : { external_id: externalId }),
    status,
    type,
    session_progress: progress,
    // Location comes from the applicant's device, so it appears once they open the link.
    ...(progress === 'PENDING' ? {} : { location: legacy ? country : { country } }),
    ...(workflow ? { workflow_id: workflow.id } : {}),
    ...(steps.includes('BANK_STATEMENT_UPLOAD') ? { bank_statement_request_id: rng.uuid() } : {}),
    workflow_steps: [...steps],
    created_at: iso(createdAt),
    updated_at: iso(updatedAt),
    ...(seen(submittedAt) !== null ? { submitted_at: iso(submittedAt as number) } : {}),
    meta_data: metaData,
    uploads,
    ...(analysis ? { analysis_data: analysis } : {}),
  }
  return { record, createdAtMs: createdAt }
}

function makeUploads(rng: Rng, steps: readonly DeepidvWorkflowStep[], progress: DeepidvProgress): DeepidvSessionRecord['uploads'] {
  const expected: DeepidvUploadKey[] = []
  if (steps.includes('ID_VERIFICATION')) expected.push('id_front', ...(rng.chance(0.75) ? (['id_back'] as const) : []))
  if (steps.includes('FACE_LIVENESS')) expected.push('selfie_front', 'selfie_right', 'selfie_left')
  if (steps.includes('FACE_LIVENESS') && rng.chance(0.05)) expected.push('hold_up_3_fingers')
  const uploads: DeepidvSessionRecord['uploads'] = {}
  const partial = progress === 'STARTED' ? rng.int(0, expected.length) : 0
  expected.forEach((key, i) => {
    uploads[key] = progress === 'COMPLETED' || i < partial
  })
  uploads.pdf_summary = progress === 'COMPLETED'
  return uploads
}
