import { describe, expect, it } from 'vitest'
import { flaggedCheck } from './choose.ts'

/**
 * One failed check per vendor and classification the issue names (fraud, sanctions or a watchlist,
 * another person's data, a tampered or fabricated document), as each vendor's summary gives it.
 */
const FLAGGED = {
  persona: [
    { check: 'id_tamper_detection', reasons: [] },
    { check: 'selfie_repeat_detection', reasons: [] },
    { check: 'id_fabrication_detection', reasons: [] },
  ],
  deepidv: [
    { check: 'pep_sanctions_data', reasons: ['sanctions'] },
    { check: 'adverse_media_data', reasons: [] },
  ],
  stripe: [{ check: 'selfie', reasons: ['selfie_manipulated'] }],
  onfido: [
    { check: 'document', reasons: ['visual_authenticity', 'suspected'] },
    { check: 'watchlist_standard', reasons: ['sanction'] },
    { check: 'watchlist_aml', reasons: ['politically_exposed_person'] },
    { check: 'known_faces', reasons: ['previously_seen_faces'] },
  ],
}

describe('flaggedCheck', () => {
  for (const [vendor, checks] of Object.entries(FLAGGED)) {
    it(`flags ${vendor}'s fraud, watchlist and another person's checks`, () => {
      for (const check of checks) expect(flaggedCheck([{ check: 'selfie_glare_detection', reasons: [] }, check]), check.check).toBe(check)
    })
  }

  it('flags nothing a customer can fix', () => {
    expect(
      flaggedCheck([
        { check: 'document', reasons: ['document_expired'] },
        { check: 'facial_similarity_photo', reasons: ['face_comparison'] },
      ]),
    ).toBeUndefined()
  })
})
