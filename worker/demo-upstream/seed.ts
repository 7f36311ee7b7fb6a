/**
 * The demo upstream's whole dataset: a seeded Persona environment and deepidv organization,
 * generated once (about 0.3 s) and shared read-only by every request.
 */
import { DEEPIDV_DEMO_USER_ID, DEEPIDV_ORGANIZATION_ID, FIXTURE_DEEPIDV_SESSION_ID } from './deepidv-fixture.ts'
import { seedDeepidv } from './deepidv-seed.ts'
import type { DeepidvSession, DeepidvUser } from './deepidv-types.ts'
import {
  FIXTURE_ACCOUNT_ID,
  FIXTURE_APPROVED_EVENT_ID,
  FIXTURE_COMPLETED_EVENT_ID,
  FIXTURE_INQUIRY_ID,
  FIXTURE_INQUIRY_SESSION_ID,
} from './persona-fixture.ts'
import { seedPersona } from './persona-seed.ts'
import {
  STORY_ACCOUNT_ID,
  STORY_CASE_ASSIGNEE,
  STORY_CASE_ID,
  STORY_EARLIER_INQUIRY_ID,
  STORY_EARLIER_SESSION_ID,
  STORY_EARLIER_VERIFICATION_IDS,
  STORY_INQUIRY_ID,
  STORY_REFERENCE_ID,
  STORY_SESSION_IDS,
  STORY_VERIFICATION_IDS,
} from './persona-story.ts'
import { STORY_DEEPIDV_SESSION_ID } from './deepidv-story.ts'
import type { Account, Case, Inquiry, InquirySession, PersonaEvent, Verification } from './persona-types.ts'
import { floorToMinute } from './timeline.ts'

export const DEFAULT_SEED = 20240129

/** Ids of the vendors' documented examples (docs/vendors/persona.md §13, docs/vendors/deepidv.md §11) that always exist in the dataset. */
export const FIXTURE_IDS = {
  inquiry: FIXTURE_INQUIRY_ID,
  inquirySession: FIXTURE_INQUIRY_SESSION_ID,
  approvedEvent: FIXTURE_APPROVED_EVENT_ID,
  completedEvent: FIXTURE_COMPLETED_EVENT_ID,
  account: FIXTURE_ACCOUNT_ID,
  deepidvSession: FIXTURE_DEEPIDV_SESSION_ID,
  deepidvOrganization: DEEPIDV_ORGANIZATION_ID,
  deepidvDemoUser: DEEPIDV_DEMO_USER_ID,
} as const

/**
 * The demo ticket's story (persona-story.ts, deepidv-story.ts): a failed inquiry with its reason, case
 * and an earlier attempt under the same reference ID. Present whenever the anchor is after 2024-02-28.
 */
export const STORY_IDS = {
  referenceId: STORY_REFERENCE_ID,
  failedInquiry: STORY_INQUIRY_ID,
  failedInquirySessions: STORY_SESSION_IDS,
  failedInquiryVerifications: STORY_VERIFICATION_IDS,
  /** The verification whose check failed: selfie_id_comparison, reasons face_mismatch and low_similarity. */
  failedVerification: STORY_VERIFICATION_IDS.selfie,
  case: STORY_CASE_ID,
  caseAssignee: STORY_CASE_ASSIGNEE,
  account: STORY_ACCOUNT_ID,
  earlierInquiry: STORY_EARLIER_INQUIRY_ID,
  earlierInquirySession: STORY_EARLIER_SESSION_ID,
  earlierInquiryVerifications: STORY_EARLIER_VERIFICATION_IDS,
  /** The earlier attempt's failed verification: id_expired_detection, reason expired. */
  earlierFailedVerification: STORY_EARLIER_VERIFICATION_IDS.governmentId,
  deepidvSession: STORY_DEEPIDV_SESSION_ID,
} as const

export interface DatasetOptions {
  seed?: number
  /** The anchor every timestamp is an offset from; default: now, rounded down to the minute. */
  now?: Date | number
}

/** Position lookups (for cursors) and id lookups (for retrieves and `include`). */
export interface DatasetIndex {
  inquiryPosition: ReadonlyMap<string, number>
  inquirySessionPosition: ReadonlyMap<string, number>
  eventPosition: ReadonlyMap<string, number>
  casePosition: ReadonlyMap<string, number>
  deepidvSessionPosition: ReadonlyMap<string, number>
  verifications: ReadonlyMap<string, Verification>
  /** Document id → the government-id verification that produced it. */
  documents: ReadonlyMap<string, Verification>
  accounts: ReadonlyMap<string, Account>
  /** Network id → the session it was seen on (networks are not modelled on their own). */
  networks: ReadonlyMap<string, InquirySession>
  deepidvUsers: ReadonlyMap<string, DeepidvUser>
}

/** Every list is newest first with strictly decreasing `createdAt` (`createdAtMs` for deepidv). */
export interface Dataset {
  seed: number
  /** The anchor, epoch ms. */
  now: number
  personaEnvironmentId: string
  personaOrganizationId: string
  inquiries: readonly Inquiry[]
  inquirySessions: readonly InquirySession[]
  events: readonly PersonaEvent[]
  verifications: readonly Verification[]
  accounts: readonly Account[]
  /** Newest first, like every Persona list. */
  cases: readonly Case[]
  deepidvOrganizationId: string
  /** The user every `deepidv_demo_…` key acts as. */
  deepidvDemoUserId: string
  deepidvSessions: readonly DeepidvSession[]
  deepidvUsers: readonly DeepidvUser[]
  index: DatasetIndex
}

// Tests create many apps with the same options; the dataset is read-only, so they can share it.
const cache = new Map<string, Dataset>()
const CACHE_SIZE = 4

export function generateDataset(options: DatasetOptions = {}): Dataset {
  const seed = options.seed ?? DEFAULT_SEED
  const now = options.now === undefined ? floorToMinute(Date.now()) : typeof options.now === 'number' ? options.now : options.now.getTime()
  if (!Number.isFinite(now)) throw new TypeError('generateDataset: `now` must be a valid date')
  const key = `${seed}@${now}`
  const cached = cache.get(key)
  if (cached) return cached

  const persona = seedPersona(seed, now)
  const deepidv = seedDeepidv(seed, now)
  const positions = <T extends { id: string }>(items: readonly T[]): Map<string, number> => new Map(items.map((item, i) => [item.id, i]))
  const dataset: Dataset = {
    seed,
    now,
    personaEnvironmentId: persona.environmentId,
    personaOrganizationId: persona.organizationId,
    inquiries: persona.inquiries,
    inquirySessions: persona.inquirySessions,
    events: persona.events,
    verifications: persona.verifications,
    accounts: persona.accounts,
    cases: persona.cases,
    deepidvOrganizationId: deepidv.organizationId,
    deepidvDemoUserId: deepidv.demoUserId,
    deepidvSessions: deepidv.sessions,
    deepidvUsers: deepidv.users,
    index: {
      inquiryPosition: positions(persona.inquiries),
      inquirySessionPosition: positions(persona.inquirySessions),
      eventPosition: positions(persona.events),
      casePosition: positions(persona.cases),
      deepidvSessionPosition: new Map(deepidv.sessions.map((s, i) => [s.record.id, i])),
      verifications: new Map(persona.verifications.map((v) => [v.id, v])),
      documents: new Map(persona.verifications.flatMap((v) => (v.documentId ? [[v.documentId, v] as const] : []))),
      accounts: new Map(persona.accounts.map((a) => [a.id, a])),
      networks: new Map(persona.inquirySessions.flatMap((s) => (s.networkId ? [[s.networkId, s] as const] : []))),
      deepidvUsers: new Map(deepidv.users.map((u) => [u.id, u])),
    },
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string)
  cache.set(key, dataset)
  return dataset
}
