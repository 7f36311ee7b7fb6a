import { afterEach, describe, expect, it } from 'vitest'
import { useLocale } from '../../test-support/i18n-fake.ts'
import { summaryText, type SummaryFacts } from './copy-summary.ts'
import { exactTime } from './format.ts'

const ID = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const URL = `https://app.withpersona.com/dashboard/inquiries/${ID}`
const facts: SummaryFacts = {
  kind: 'persona-inquiry',
  id: ID,
  status: 'declined',
  reason: { check: 'selfie_id_comparison', reasons: ['mismatch'], failedChecks: 1 },
  case: { status: 'Open', resolution: null },
  createdAt: '2026-11-24T10:02:00Z',
  updatedAt: '2026-11-24T10:09:00Z',
  dashboardUrl: URL,
}

afterEach(() => useLocale('en'))

describe('summaryText', () => {
  it('should write plain text for a reply: vendor and kind, ID, outcome, reason in words, case, dates, link', () => {
    expect(summaryText(facts, 'text')).toBe(
      [
        `Persona inquiry ${ID}`,
        'Outcome: declined',
        'Reason: the selfie does not match the ID photo (does not match)',
        'Review case: open',
        `Created: ${exactTime(Date.parse('2026-11-24T10:02:00Z'))}`,
        `Last changed: ${exactTime(Date.parse('2026-11-24T10:09:00Z'))}`,
        `Link: ${URL}`,
      ].join('\n'),
    )
  })

  it('should write Markdown for an internal note, the ID linked to the dashboard', () => {
    const md = summaryText(
      { ...facts, reason: { ...facts.reason!, failedChecks: 3 }, case: { status: 'Declined', resolution: 'fraud' } },
      'markdown',
    )
    expect(md.split('\n')).toEqual([
      `**Persona inquiry** [\`${ID}\`](${URL})`,
      '- Outcome: declined',
      '- Reason: the selfie does not match the ID photo (does not match); 2 more checks failed',
      '- Review case: declined (fraud)',
      `- Created: ${exactTime(Date.parse('2026-11-24T10:02:00Z'))}`,
      `- Last changed: ${exactTime(Date.parse('2026-11-24T10:09:00Z'))}`,
    ])
  })

  it("should lead with a fraud check's flag, in English and German, so the next colleague reads it first", () => {
    const failed = [
      { check: 'selfie_id_comparison', reasons: ['mismatch'] },
      { check: 'selfie_suspicious_entity_detection', reasons: [] },
      { check: 'selfie_pose_detection', reasons: [] },
    ]
    const flagged = { ...facts, status: 'failed', reason: { ...facts.reason!, failedChecks: 3, failed } }
    const lines = summaryText(flagged, 'markdown').split('\n')
    expect(lines[1]).toMatch(/^- Flagged: .*suspicious.* \(no new link; escalate it\)$/)
    expect(lines[2]).toBe('- Outcome: failed')
    expect(summaryText({ ...flagged, reason: { ...flagged.reason, failed: failed.slice(0, 1) } }, 'text')).not.toContain('Flagged')
    useLocale('de')
    expect(summaryText(flagged, 'text').split('\n')[1]).toMatch(/^Markiert: .* \(kein neuer Link; bitte eskalieren\)$/)
  })

  it('should leave out what is not known, and speak German in German', () => {
    useLocale('de')
    const text = summaryText(
      {
        ...facts,
        kind: 'deepidv-session',
        id: 'a1b2',
        status: 'VERIFIED',
        reason: null,
        case: null,
        updatedAt: null,
        dashboardUrl: 'https://app.deepidv.com/sessions/a1b2',
      },
      'text',
    )
    expect(text.split('\n')).toEqual([
      'deepidv-Sitzung a1b2',
      'Ergebnis: verifiziert',
      `Erstellt: ${exactTime(Date.parse('2026-11-24T10:02:00Z'))}`,
      'Link: https://app.deepidv.com/sessions/a1b2',
    ])
  })

  it("should escape Markdown in the vendor's words", () => {
    expect(summaryText({ ...facts, status: 'needs_*review*', reason: null, case: null }, 'markdown')).toContain(
      '- Outcome: needs \\*review\\*',
    )
  })
})
