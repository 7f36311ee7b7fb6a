/**
 * The demo ticket's customer on deepidv (see persona-story.ts): three weeks ago Acme sent Dana a deepidv
 * session under the same external ID as the Persona reference, and it was rejected because the selfie did
 * not match the ID (`id_matches_selfie: false`, the analysis shape of docs/vendors/deepidv.md §4).
 */
import { DEEPIDV_DEMO_USER_ID, DEEPIDV_ORGANIZATION_ID } from './deepidv-fixture.ts'
import type { DeepidvSession, DeepidvUser } from './deepidv-types.ts'
import { DAY, iso, MINUTE, SECOND } from './timeline.ts'

export const STORY_DEEPIDV_SESSION_ID = '5f2c9a1e-7b34-4d6a-9e08-3c1b7d4a2f65'
export const STORY_DEEPIDV_WORKFLOW_ID = '7b3e9f24-5c1a-4d8b-9e6f-2a0c4d7b1e58'
/** Same value as the Persona story's reference ID. */
const EXTERNAL_ID = 'user-7431'

export const STORY_DEEPIDV_APPLICANT: DeepidvUser = {
  id: '8d3e6f1a-2c4b-4e7d-a905-6b1f3c8e2d47',
  email: 'dana.customer@example.com',
  first_name: 'Dana',
  last_name: 'Customer',
  phone: '+14165550172',
  created_at: '2025-03-02T15:11:40.000Z',
  updated_at: '2025-03-02T15:11:40.000Z',
}

/** The story's session, or null when the anchor predates the story (persona-story.ts STORY_SINCE). */
export function deepidvStory(anchor: number, since: number): DeepidvSession | null {
  if (anchor < since) return null
  const created = anchor - 21 * DAY - 47 * MINUTE
  const viewed = created + 12 * MINUTE
  const submitted = viewed + 6 * MINUTE
  const analysed = submitted + 94 * SECOND
  const decided = analysed + 3 * SECOND
  return {
    createdAtMs: created,
    record: {
      id: STORY_DEEPIDV_SESSION_ID,
      organization_id: DEEPIDV_ORGANIZATION_ID,
      user_id: STORY_DEEPIDV_APPLICANT.id,
      sender_user_id: DEEPIDV_DEMO_USER_ID,
      external_id: EXTERNAL_ID,
      status: 'REJECTED',
      type: 'session',
      session_progress: 'COMPLETED',
      location: { country: 'Canada' },
      workflow_id: STORY_DEEPIDV_WORKFLOW_ID,
      workflow_steps: ['ID_VERIFICATION', 'FACE_LIVENESS'],
      created_at: iso(created),
      updated_at: iso(decided),
      submitted_at: iso(submitted),
      meta_data: {
        applicantViewTime: iso(viewed),
        applicantSubmissionIp: '198.51.100.47',
        applicantSubmissionDevice: 'iPhone',
        applicantSubmissionBrowser: 'Safari',
      },
      uploads: { id_front: true, id_back: true, selfie_front: true, selfie_right: true, selfie_left: true, pdf_summary: true },
      analysis_data: {
        created_at: iso(analysed),
        id_matches_selfie: false,
        faceliveness_score: 97.31,
        id_analysis_data: {
          detect_face_data: [
            {
              confidence: 99.91,
              age_range: { high: 38, low: 29 },
              quality: { brightness: 71.4, sharpness: 33.2 },
              bounding_box: { height: 0.29, left: 0.12, top: 0.31, width: 0.18 },
              pose: { pitch: 6.2, yaw: -3.1, roll: 1.4 },
              landmarks: [{ x: 0.171, y: 0.452, type: 'eyeLeft' }],
              gender: { value: 'Female', confidence: 96.8 },
            },
          ],
          id_extracted_text: [
            { type: 'FIRST_NAME', value: 'DANA', confidence: 98.1 },
            { type: 'LAST_NAME', value: 'CUSTOMER', confidence: 97.7 },
            { type: 'DATE_OF_BIRTH', value: '1991/04/17', confidence: 96.2 },
            { type: 'DOCUMENT_NUMBER', value: 'C4821-30917-10417', confidence: 92.4 },
          ],
          expiry_date_pass: true,
          valid_state_pass: true,
          age_restriction_pass: true,
        },
        compare_faces_data: { face_match_confidence: 38.6, face_match_result: { similarity: 38.6 } },
      },
    },
  }
}
