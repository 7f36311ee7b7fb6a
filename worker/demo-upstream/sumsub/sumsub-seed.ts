/**
 * The demo's Sumsub customers: one applicant in each review state (docs/vendors/sumsub.md §2), with
 * made-up personal data and a `clientComment` the relay must never let out. Fixed IDs, 24 hex chars.
 */
import { STORY_REFERENCE_ID } from '../persona-story.ts'

export type SumsubDemoApplicant = {
  id: string
  createdAt: string
  key: string
  clientId: string
  inspectionId: string
  externalUserId: string
  levelName: string
  email: string
  phone: string
  info: Record<string, unknown>
  fixedInfo: Record<string, unknown>
  review: { reviewId: string; attemptId: string; reviewStatus: string; createDate: string; reviewResult?: Record<string, unknown> }
}

export const SUMSUB_LEVEL = 'basic-kyc-level'

/** In every personal field of the demo's applicants (the birth date is one of its own): no relay answer, log or audit row may hold it. */
export const SUMSUB_SENTINEL = 'sentinel7q'
export const SUMSUB_SENTINEL_DOB = '1901-02-03'

type Story = { id: string; user: string; status: string; first: string; result?: Record<string, unknown> }

/** The demo story: Mara's first try was a screenshot (RED RETRY); a resubmission link puts her back on track. */
const STORY: readonly Story[] = [
  { id: '65a1f0c2e4b0a1b2c3d4e501', user: 'demo-user-init', status: 'init', first: 'Jonas' },
  { id: '65a1f0c2e4b0a1b2c3d4e502', user: 'demo-user-pending', status: 'pending', first: 'Lea' },
  { id: '65a1f0c2e4b0a1b2c3d4e506', user: 'demo-user-queued', status: 'queued', first: 'Ida' },
  { id: '65a1f0c2e4b0a1b2c3d4e507', user: 'demo-user-onhold', status: 'onHold', first: 'Ben' },
  // The story's customer (Dana, persona-story.ts) passed at Sumsub: her history holds an attempt at every vendor.
  { id: '65a1f0c2e4b0a1b2c3d4e503', user: STORY_REFERENCE_ID, status: 'completed', first: 'Dana', result: { reviewAnswer: 'GREEN' } },
  {
    id: '65a1f0c2e4b0a1b2c3d4e504',
    user: 'demo-user-mara',
    status: 'completed',
    first: 'Mara',
    result: {
      reviewAnswer: 'RED',
      reviewRejectType: 'RETRY',
      rejectLabels: ['UNSATISFACTORY_PHOTOS', 'SCREENSHOTS'],
      moderationComment: 'Please upload a photo of your original document, not a screenshot.',
      clientComment: `Screenshot of a passport; second document on file (${SUMSUB_SENTINEL}).`,
      buttonIds: ['badPhoto_screenshot'],
    },
  },
  {
    id: '65a1f0c2e4b0a1b2c3d4e505',
    user: 'demo-user-final',
    status: 'completed',
    first: 'Erik',
    result: {
      reviewAnswer: 'RED',
      reviewRejectType: 'FINAL',
      rejectLabels: ['FORGERY', 'SELFIE_MISMATCH'],
      moderationComment: 'We could not verify your identity.',
      clientComment: `Edited document; face does not match the selfie (${SUMSUB_SENTINEL}).`,
    },
  },
]

function applicantOf(story: Story, index: number, now: number): SumsubDemoApplicant {
  const created = new Date(now - (index + 1) * 86_400_000).toISOString().replace('T', ' ').slice(0, 19)
  return {
    id: story.id,
    createdAt: created,
    key: 'DEMOKEY',
    clientId: 'idv-lens-demo',
    inspectionId: story.id.replace(/.$/, 'f'),
    externalUserId: story.user,
    levelName: SUMSUB_LEVEL,
    email: `${story.first.toLowerCase()}.${SUMSUB_SENTINEL}@example.com`,
    phone: `+49151-${SUMSUB_SENTINEL}`,
    info: {
      firstName: `${story.first}-${SUMSUB_SENTINEL}`,
      lastName: `Beispiel-${SUMSUB_SENTINEL}`,
      dob: SUMSUB_SENTINEL_DOB,
      country: 'DEU',
      addresses: [{ street: `${SUMSUB_SENTINEL} street 1`, town: `${SUMSUB_SENTINEL}stadt`, postCode: '10115' }],
      idDocs: [{ idDocType: 'PASSPORT', country: 'DEU', number: `${SUMSUB_SENTINEL}-C01X00T47` }],
    },
    fixedInfo: { firstName: `${story.first}-${SUMSUB_SENTINEL}`, lastName: `Beispiel-${SUMSUB_SENTINEL}` },
    review: {
      reviewId: `rv${index}`,
      attemptId: `at${index}`,
      reviewStatus: story.status,
      createDate: created,
      ...(story.result ? { reviewResult: story.result } : {}),
    },
  }
}

export const seedSumsub = (now: number): SumsubDemoApplicant[] => STORY.map((story, i) => applicantOf(story, i, now))
