/**
 * deepidv's documented example session (docs/vendors/deepidv.md §11) with its ids and values verbatim.
 * One deliberate change: the docs show it SUBMITTED; here it is VERIFIED (a finished, fully
 * populated session is the more useful fixture for the tools to show).
 */
import type { DeepidvSession, DeepidvUser } from './deepidv-types.ts'
import { DAY } from './timeline.ts'

export const FIXTURE_DEEPIDV_SESSION_ID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
export const DEEPIDV_ORGANIZATION_ID = 'b2c3d4e5-f6a7-8901-bcde-f12345678901'
/** The user every `deepidv_demo_…` key belongs to (the fixture's sender, "Ava Agent"). */
export const DEEPIDV_DEMO_USER_ID = 'd4e5f6a7-b8c9-0123-defa-234567890123'
export const FIXTURE_DEEPIDV_WORKFLOW_ID = 'e5f6a7b8-c9d0-1234-efab-345678901234'

export const DEEPIDV_DEMO_USER: DeepidvUser = {
  id: DEEPIDV_DEMO_USER_ID,
  email: 'agent@acme.example',
  first_name: 'Ava',
  last_name: 'Agent',
  phone: '+14165557890',
  created_at: '2024-06-01T09:00:00.000Z',
  updated_at: '2024-06-01T09:00:00.000Z',
}

export const FIXTURE_DEEPIDV_APPLICANT: DeepidvUser = {
  id: 'c3d4e5f6-a7b8-9012-cdef-123456789012',
  email: 'john.doe@example.com',
  first_name: 'John',
  last_name: 'Doe',
  phone: '+15192223333',
  created_at: '2025-01-15T10:30:00.000Z',
  updated_at: '2025-01-15T10:30:00.000Z',
}

export function deepidvFixture(anchor: number): DeepidvSession {
  const created = Date.parse('2025-01-15T10:30:00.000Z')
  // Keep the verbatim times unless the caller anchored the data before them.
  const shift = anchor - DAY < Date.parse('2025-01-15T10:45:00.000Z') ? anchor - 30 * DAY - created : 0
  const at = (isoTime: string): string => new Date(Date.parse(isoTime) + shift).toISOString()
  return {
    createdAtMs: created + shift,
    record: {
      id: FIXTURE_DEEPIDV_SESSION_ID,
      organization_id: DEEPIDV_ORGANIZATION_ID,
      user_id: FIXTURE_DEEPIDV_APPLICANT.id,
      sender_user_id: DEEPIDV_DEMO_USER_ID,
      external_id: 'user-12345',
      status: 'VERIFIED',
      type: 'session',
      session_progress: 'COMPLETED',
      location: { country: 'Canada' },
      workflow_id: FIXTURE_DEEPIDV_WORKFLOW_ID,
      bank_statement_request_id: 'f6a7b8c9-d0e1-2345-fabc-456789012345',
      workflow_steps: ['ID_VERIFICATION', 'FACE_LIVENESS', 'PEP_SANCTIONS'],
      created_at: at('2025-01-15T10:30:00.000Z'),
      updated_at: at('2025-01-15T10:45:00.000Z'),
      submitted_at: at('2025-01-15T10:42:00.000Z'),
      meta_data: {
        applicantSubmissionIp: '192.168.1.1, 10.0.0.1',
        applicantSubmissionDevice: 'Mac',
        applicantViewTime: at('2025-01-15T10:35:00.000Z'),
        applicantSubmissionBrowser: 'Safari',
      },
      uploads: { id_front: true, id_back: true, selfie_front: true, selfie_right: true, selfie_left: true, pdf_summary: true },
      analysis_data: {
        created_at: at('2025-01-15T10:43:00.000Z'),
        id_matches_selfie: true,
        faceliveness_score: 99.49,
        id_analysis_data: {
          detect_face_data: [
            {
              confidence: 99.99,
              age_range: { high: 35, low: 28 },
              quality: { brightness: 97.56, sharpness: 38.9 },
              bounding_box: { height: 0.32, left: 0.11, top: 0.33, width: 0.19 },
              pose: { pitch: 11.74, yaw: 3.85, roll: -2.84 },
              landmarks: [{ x: 0.164, y: 0.458, type: 'eyeLeft' }],
              gender: { value: 'Male', confidence: 91.22 },
            },
          ],
          id_extracted_text: [
            { type: 'FIRST_NAME', value: 'JOHN', confidence: 97.64 },
            { type: 'LAST_NAME', value: 'DOE', confidence: 97.15 },
            { type: 'DATE_OF_BIRTH', value: '1990/05/15', confidence: 95.75 },
            { type: 'DOCUMENT_NUMBER', value: 'D1234567890', confidence: 90.11 },
          ],
          expiry_date_pass: true,
          valid_state_pass: true,
          age_restriction_pass: true,
        },
        compare_faces_data: { face_match_confidence: 99.92, face_match_result: { similarity: 99.92 } },
        pep_sanctions_data: { peps: [], sanctions: null, both: null },
      },
    },
  }
}
