import type { DeepidvSessionRecord } from '@idv-lens/shared/api'

/** One line of the analysis summary: passed, failed, or not checked (null), with a short note. */
export type Check = { label: string; passed: boolean | null; note?: string }

type Analysis = NonNullable<DeepidvSessionRecord['analysis_data']>

const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null)
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {})
const hits = (v: unknown): number => (Array.isArray(v) ? v.length : 0)

/** Liveness scores are 0-100; deepidv documents no threshold, so the score is shown, not judged, below 90. */
const LIVENESS_PASS = 90

/**
 * The analysis fields an agent decides on (reference upstream-apis.md §2.4): face match, liveness,
 * the ID document checks, screening hit counts. Extracted text (names, dates of birth, document
 * numbers) and face geometry are personal data and are left out on purpose.
 */
export function analysisSummary(analysis: Analysis | undefined): Check[] {
  if (!analysis) return []
  const checks: Check[] = []
  const compare = obj(analysis.compare_faces_data)
  const confidence = num(compare.face_match_confidence)
  const match = bool(analysis.id_matches_selfie)
  if (match !== null || confidence !== null) {
    checks.push({ label: 'Face match', passed: match, ...(confidence !== null ? { note: `${confidence.toFixed(1)}% confidence` } : {}) })
  }
  const liveness = num(analysis.faceliveness_score)
  if (liveness !== null) checks.push({ label: 'Liveness', passed: liveness >= LIVENESS_PASS ? true : null, note: `score ${liveness.toFixed(1)} / 100` })
  const id = obj(analysis.id_analysis_data)
  for (const [key, label] of [
    ['expiry_date_pass', 'ID not expired'],
    ['valid_state_pass', 'ID valid'],
    ['age_restriction_pass', 'Age requirement'],
  ] as const) {
    const passed = bool(id[key])
    if (passed !== null) checks.push({ label, passed })
  }
  const pep = analysis.pep_sanctions_data
  if (pep && typeof pep === 'object') {
    const p = obj(pep)
    const count = hits(p.peps) + hits(p.sanctions) + hits(p.both)
    checks.push({ label: 'PEP / sanctions', passed: count === 0, note: count === 0 ? 'no matches' : `${count} possible matches` })
  }
  const media = num(obj(analysis.adverse_media_data).total_hits)
  if (media !== null) checks.push({ label: 'Adverse media', passed: media === 0, note: media === 0 ? 'no hits' : `${media} hits` })
  const risk = num(obj(analysis.document_risk_data).overall_risk_score)
  if (risk !== null) checks.push({ label: 'Document risk', passed: null, note: `score ${risk}` })
  return checks
}
