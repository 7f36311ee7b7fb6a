import type { DeepidvSession, DeepidvSessionRecord, LookupReason } from '@idv-lens/shared/api'
import { dashboardUrl } from '@idv-lens/shared/ids'
import type { SummaryFacts } from '../../kit/relay.ts'
import { formatNumber, type MessageKey, t, tn } from '../../kit/words.ts'

/**
 * One line of the analysis summary (its label a message key): passed, failed, or not checked (null),
 * with a short note. `name`: the analysis field it comes from, the check's name in the relay's reasons.
 */
export type Check = { label: MessageKey; name: string; passed: boolean | null; note?: string }

const oneDecimal = (n: number) => formatNumber(n, { minimumFractionDigits: 1, maximumFractionDigits: 1 })

type Analysis = NonNullable<DeepidvSessionRecord['analysis_data']>

const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null)
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {})
const hits = (v: unknown): number => (Array.isArray(v) ? v.length : 0)

/** Liveness scores are 0-100; deepidv documents no threshold, so the score is shown, not judged, below 90. */
const LIVENESS_PASS = 90

/** Whether the face on the ID matches the selfie (with deepidv's confidence), and the liveness score. */
function faceChecks(analysis: Analysis): Check[] {
  const checks: Check[] = []
  const confidence = num(obj(analysis.compare_faces_data).face_match_confidence)
  const match = bool(analysis.id_matches_selfie)
  if (match !== null || confidence !== null) {
    const percent =
      confidence === null ? null : formatNumber(confidence / 100, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
    checks.push({
      label: 'checkFaceMatch',
      name: 'id_matches_selfie',
      passed: match,
      ...(percent !== null ? { note: t('noteConfidence', percent) } : {}),
    })
  }
  const liveness = num(analysis.faceliveness_score)
  if (liveness !== null)
    checks.push({
      label: 'checkLiveness',
      name: 'faceliveness_score',
      passed: liveness >= LIVENESS_PASS ? true : null,
      note: t('noteScoreOf100', oneDecimal(liveness)),
    })
  return checks
}

const ID_CHECKS = [
  ['expiry_date_pass', 'checkIdNotExpired'],
  ['valid_state_pass', 'checkIdValid'],
  ['age_restriction_pass', 'checkAge'],
] as const

/** The ID document's own checks: not expired, valid, the age restriction. */
function idDocumentChecks(analysis: Analysis): Check[] {
  const id = obj(analysis.id_analysis_data)
  return ID_CHECKS.flatMap(([key, label]) => {
    const passed = bool(id[key])
    return passed !== null ? [{ label, name: key, passed }] : []
  })
}

/** Screening and risk: PEP and sanctions hits, adverse media hits, the document's risk score (shown, not judged). */
function screeningChecks(analysis: Analysis): Check[] {
  const checks: Check[] = []
  const pep = analysis.pep_sanctions_data
  if (pep && typeof pep === 'object') {
    const p = obj(pep)
    const count = hits(p.peps) + hits(p.sanctions) + hits(p.both)
    checks.push({
      label: 'checkPep',
      name: 'pep_sanctions_data',
      passed: count === 0,
      note: count === 0 ? t('noteNoMatches') : tn('notePossibleMatches', count),
    })
  }
  const media = num(obj(analysis.adverse_media_data).total_hits)
  if (media !== null)
    checks.push({
      label: 'checkAdverseMedia',
      name: 'adverse_media_data',
      passed: media === 0,
      note: media === 0 ? t('noteNoHits') : tn('noteHits', media),
    })
  const risk = num(obj(analysis.document_risk_data).overall_risk_score)
  if (risk !== null) checks.push({ label: 'checkDocumentRisk', name: 'document_risk_data', passed: null, note: t('noteScore', risk) })
  return checks
}

/**
 * The analysis fields an agent decides on (docs/vendors/deepidv.md §4): face match, liveness,
 * the ID document checks, screening hit counts. Extracted text (names, dates of birth, document
 * numbers) and face geometry are personal data and are left out on purpose.
 */
export function analysisSummary(analysis: Analysis | undefined): Check[] {
  if (!analysis) return []
  return [...faceChecks(analysis), ...idDocumentChecks(analysis), ...screeningChecks(analysis)]
}

/** The first failed check of the analysis, how many failed, and each, as the relay's lookup reason says it. */
export function deepidvReasonOf(analysis: Analysis | undefined): LookupReason | null {
  const failed = analysisSummary(analysis).filter((c) => c.passed === false)
  const first = failed[0]
  return first
    ? {
        check: first.name,
        reasons: [],
        verificationId: null,
        failedChecks: failed.length,
        failed: failed.map((c) => ({ check: c.name, reasons: [] })),
      }
    : null
}

/** A session's detail as summary facts. */
export function factsOfDeepidv(session: DeepidvSession): SummaryFacts {
  const r = session.session_record
  return {
    kind: 'deepidv-session',
    id: r.id,
    status: r.status,
    reason: deepidvReasonOf(r.analysis_data),
    case: null,
    createdAt: r.created_at ?? null,
    updatedAt: r.updated_at ?? null,
    dashboardUrl: dashboardUrl('deepidv-session', r.id),
  }
}
