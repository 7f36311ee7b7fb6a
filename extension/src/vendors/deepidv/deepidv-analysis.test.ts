import { afterEach, describe, expect, it } from 'vitest'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import { analysisSummary } from './deepidv-analysis.ts'

describe('analysisSummary', () => {
  afterEach(() => useLocale('en'))

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
      { label: 'checkFaceMatch', name: 'id_matches_selfie', passed: true, note: '99.9% confidence' },
      { label: 'checkLiveness', name: 'faceliveness_score', passed: true, note: 'score 99.5 / 100' },
      { label: 'checkIdNotExpired', name: 'expiry_date_pass', passed: true },
      { label: 'checkIdValid', name: 'valid_state_pass', passed: false },
      { label: 'checkPep', name: 'pep_sanctions_data', passed: false, note: '1 possible match' },
    ])
    expect(JSON.stringify(checks)).not.toContain('JOHN')
  })

  it('should be empty before deepidv analysed anything', () => {
    expect(analysisSummary(undefined)).toEqual([])
    expect(analysisSummary({})).toEqual([])
  })

  it('should write scores and counts the German way in German', () => {
    useLocale('de')
    expect(analysisSummary({ compare_faces_data: { face_match_confidence: 99.92 }, adverse_media_data: { total_hits: 3 } })).toEqual([
      { label: 'checkFaceMatch', name: 'id_matches_selfie', passed: null, note: '99,9\u00a0% Übereinstimmung' },
      { label: 'checkAdverseMedia', name: 'adverse_media_data', passed: false, note: '3 Treffer' },
    ])
  })

  it('should show a low liveness score without calling it a pass', () => {
    expect(analysisSummary({ faceliveness_score: 42 })).toEqual([
      { label: 'checkLiveness', name: 'faceliveness_score', passed: null, note: 'score 42.0 / 100' },
    ])
  })
})
