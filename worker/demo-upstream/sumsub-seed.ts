/**
 * The demo's Sumsub customers: one applicant in each review state (docs/vendors/sumsub.md §2), with
 * made-up personal data and a `clientComment` the relay must never let out. Fixed IDs, 24 hex chars.
 */
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
  review: { reviewId: string; attemptId: string; reviewStatus: string; createDate: string; reviewResult?: Record<string, unknown> }
}

export const SUMSUB_LEVEL = 'basic-kyc-level'

type Story = { id: string; user: string; status: string; first: string; result?: Record<string, unknown> }

/** The demo story: Mara's first try was a screenshot (RED RETRY); a resubmission link puts her back on track. */
const STORY: readonly Story[] = [
  { id: '65a1f0c2e4b0a1b2c3d4e501', user: 'demo-user-init', status: 'init', first: 'Jonas' },
  { id: '65a1f0c2e4b0a1b2c3d4e502', user: 'demo-user-pending', status: 'pending', first: 'Lea' },
  { id: '65a1f0c2e4b0a1b2c3d4e503', user: 'demo-user-green', status: 'completed', first: 'Tom', result: { reviewAnswer: 'GREEN' } },
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
      clientComment: 'Screenshot of a passport; second document on file.',
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
      clientComment: 'Edited document; face does not match the selfie.',
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
    email: `${story.first.toLowerCase()}@example.com`,
    phone: '+4915100000000',
    info: {
      firstName: story.first,
      lastName: 'Beispiel',
      dob: '1990-01-01',
      country: 'DEU',
      idDocs: [{ idDocType: 'PASSPORT', country: 'DEU', number: 'C01X00T47' }],
    },
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
