/**
 * deepidv `analysis_data` for a submitted session (docs/vendors/deepidv.md §4): only the blocks its workflow steps
 * produce, with one check sinking the failing ones.
 */
import type { DeepidvUser, DeepidvWorkflowStep, Json } from './deepidv-types.ts'
import type { Rng } from './prng.ts'
import { iso } from './timeline.ts'

function round(value: number, digits = 2): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

export function makeAnalysis(
  rng: Rng,
  steps: readonly DeepidvWorkflowStep[],
  failing: boolean,
  at: number,
  applicant: DeepidvUser,
): { [key: string]: Json } {
  const data: { [key: string]: Json } = { created_at: iso(at) }
  // Which check sinks a failing session.
  const culprit = failing ? rng.pick(['face', 'liveness', 'expiry', 'pep'] as const) : null
  const matches = culprit !== 'face'
  if (steps.includes('FACE_LIVENESS')) {
    data.id_matches_selfie = matches
    data.faceliveness_score = culprit === 'liveness' ? round(rng.float(12, 60)) : round(rng.float(92, 99.9))
    const similarity = matches ? round(rng.float(93, 99.99)) : round(rng.float(5, 70))
    data.compare_faces_data = { face_match_confidence: similarity, face_match_result: { similarity } }
  }
  if (steps.includes('ID_VERIFICATION')) {
    const low = rng.int(18, 60)
    const birthYear = new Date(at).getUTCFullYear() - low - rng.int(2, 6)
    data.id_analysis_data = {
      detect_face_data: [
        {
          confidence: round(rng.float(98, 99.999), 3),
          age_range: { high: low + rng.int(4, 9), low },
          quality: { brightness: round(rng.float(60, 98)), sharpness: round(rng.float(20, 90)) },
          bounding_box: {
            height: round(rng.float(0.2, 0.4)),
            left: round(rng.float(0.05, 0.2)),
            top: round(rng.float(0.2, 0.4)),
            width: round(rng.float(0.15, 0.25)),
          },
          pose: { pitch: round(rng.float(-15, 15)), yaw: round(rng.float(-10, 10)), roll: round(rng.float(-5, 5)) },
          landmarks: [
            { x: round(rng.float(0.15, 0.18), 3), y: round(rng.float(0.44, 0.47), 3), type: 'eyeLeft' },
            { x: round(rng.float(0.2, 0.23), 3), y: round(rng.float(0.44, 0.47), 3), type: 'eyeRight' },
          ],
          gender: { value: rng.pick(['Male', 'Female']), confidence: round(rng.float(80, 99.9)) },
        },
      ],
      id_extracted_text: [
        // The ID belongs to the applicant the session was sent to.
        { type: 'FIRST_NAME', value: applicant.first_name.toUpperCase(), confidence: round(rng.float(90, 99.9)) },
        { type: 'LAST_NAME', value: applicant.last_name.toUpperCase(), confidence: round(rng.float(90, 99.9)) },
        {
          type: 'DATE_OF_BIRTH',
          value: `${birthYear}/${String(rng.int(1, 12)).padStart(2, '0')}/${String(rng.int(1, 28)).padStart(2, '0')}`,
          confidence: round(rng.float(88, 99)),
        },
        {
          type: 'DOCUMENT_NUMBER',
          value: `${rng.pick(['D', 'P', 'A'])}${rng.int(1000000000, 9999999999)}`,
          confidence: round(rng.float(85, 99)),
        },
        {
          type: 'EXPIRATION_DATE',
          value: `${new Date(at).getUTCFullYear() + (culprit === 'expiry' ? -1 : rng.int(1, 8))}/0${rng.int(1, 9)}/1${rng.int(0, 9)}`,
          confidence: round(rng.float(85, 99)),
        },
      ],
      expiry_date_pass: culprit !== 'expiry',
      valid_state_pass: true,
      age_restriction_pass: true,
    }
  }
  if (steps.includes('PEP_SANCTIONS')) {
    const hit = culprit === 'pep'
    data.pep_sanctions_data = {
      peps: hit
        ? [
            {
              name: `${applicant.first_name} ${applicant.last_name}`,
              country: rng.pick(['CA', 'US', 'GB']),
              score: round(rng.float(0.8, 0.99)),
            },
          ]
        : [],
      sanctions: null,
      both: null,
    }
  }
  if (steps.includes('ADVERSE_MEDIA')) {
    const hits = failing && rng.chance(0.5) ? rng.int(1, 4) : 0
    data.adverse_media_data = {
      total_hits: hits,
      news_exposures: hits > 0 ? { financial_crime: { hits, articles: [] } } : {},
      timestamp: iso(at),
    }
  }
  if (steps.includes('DOCUMENT_UPLOAD')) {
    const analysed = rng.int(1, 3)
    const signals = failing ? rng.int(1, analysed) : 0
    data.document_risk_data = {
      overall_risk_score: failing ? rng.int(60, 95) : rng.int(2, 25),
      documents_analyzed: analysed,
      documents_with_signals: signals,
      document_analysis: [],
    }
  }
  if (steps.includes('CUSTOM_FORM')) {
    data.custom_form_data = [
      {
        question: 'What is the purpose of the account?',
        answer: rng.pick(['Personal banking', 'Small business', 'Investments']),
        type: 'text',
      },
      { question: 'Are you a politically exposed person?', answer: 'No', type: 'select' },
    ]
  }
  return data
}
