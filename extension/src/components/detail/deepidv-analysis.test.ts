import { describe, expect, it } from 'vitest'
import { analysisSummary } from './deepidv-analysis.ts'

describe('analysisSummary', () => {
  it('should summarise the decision fields and nothing personal', () => {
    const checks = analysisSummary({
      id_matches_selfie: true,
      faceliveness_score: 99.49,
      compare_faces_data: { face_match_confidence: 99.92 },
      id_analysis_data: {
        expiry_date_pass: true,
        valid_state_pass: false,
        id_extracted_text: [{ type: 'FIRST_NAME', value: 'JOHN', confidence: 97 }],
      },
      pep_sanctions_data: { peps: [{ name: 'x' }], sanctions: null, both: null },
    })
    expect(checks).toEqual([
      { label: 'Face match', passed: true, note: '99.9% confidence' },
      { label: 'Liveness', passed: true, note: 'score 99.5 / 100' },
      { label: 'ID not expired', passed: true },
      { label: 'ID valid', passed: false },
      { label: 'PEP / sanctions', passed: false, note: '1 possible matches' },
    ])
    expect(JSON.stringify(checks)).not.toContain('JOHN')
  })

  it('should be empty before deepidv analysed anything', () => {
    expect(analysisSummary(undefined)).toEqual([])
    expect(analysisSummary({})).toEqual([])
  })

  it('should show a low liveness score without calling it a pass', () => {
    expect(analysisSummary({ faceliveness_score: 42 })).toEqual([{ label: 'Liveness', passed: null, note: 'score 42.0 / 100' }])
  })
})
