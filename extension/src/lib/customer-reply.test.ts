import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { ID_PATTERNS } from '@idv-lens/shared/ids'
import de from '../../public/_locales/de/messages.json'
import en from '../../public/_locales/en/messages.json'
import { useLocale } from '../../test-support/i18n-fake.ts'
import type { SummaryFacts } from './copy-summary.ts'
import { REPLY_TABLES, REPLY_TEXTS } from '@idv-lens/shared/replies'
import { customerReply, replyCoverage } from './customer-reply.ts'

const { checks: CHECK_TEXT, reasons: REASON_TEXT, statuses: STATUS_TEXT } = REPLY_TABLES

const ID = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const LINK = 'https://withpersona.com/verify?code=abc123'
const facts = (status: string, check?: string, reasons: string[] = []): SummaryFacts => ({
  kind: 'persona-inquiry',
  id: ID,
  status,
  reason: check ? { check, reasons, failedChecks: 2 } : null,
  case: { status: 'Open', resolution: 'Escalated' },
  createdAt: '2026-11-24T10:02:00Z',
  updatedAt: '2026-11-24T10:09:00Z',
  dashboardUrl: `https://app.withpersona.com/dashboard/inquiries/${ID}`,
})

/** Facts with every failed check listed, as a lookup gives them. */
const multi = (status: string, failed: [string, string[]][]): SummaryFacts => ({
  ...facts(status),
  reason: {
    check: failed[0]![0],
    reasons: failed[0]![1],
    failedChecks: failed.length,
    failed: failed.map(([check, reasons]) => ({ check, reasons })),
  },
})

const catalog = { en, de } as Record<string, Record<string, { message: string }>>
const keysWith = (prefix: string) =>
  Object.keys(en)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length))
const source = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')

/** Every check and reason the demo's Persona catalog fails with (`check('name', …, [['reason']])`). */
function personaCatalog(): { checks: string[]; reasons: string[] } {
  const lines = source('../../../worker/demo-upstream/persona-catalog.ts')
    .split('\n')
    .filter((l) => /^\s*check\('/.test(l))
  const literals = lines.map((l) =>
    [...l.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!).filter((w) => w !== 'required' && w !== 'not_required'),
  )
  return { checks: literals.map((l) => l[0]!), reasons: literals.flatMap((l) => l.slice(1)) }
}

/** The checks and list names deepidv's analysis fails with (worker/src/vendors/deepidv/summary.ts's failedChecks). */
function deepidvChecks(): string[] {
  const text = source('../../../worker/src/vendors/deepidv/summary.ts')
  const body = text.slice(text.indexOf('function failedChecks'), text.indexOf('export function deepidvReason'))
  return [...body.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!).filter((w) => w !== 'number')
}

const ALL_STATUSES = Object.keys(STATUS_TEXT)
const everyReply = (): string[] => [
  ...Object.keys(CHECK_TEXT).flatMap((check) =>
    ['declined', 'failed', 'needs_review'].map((s) => customerReply(facts(s, check, ['expired', 'mismatch']))),
  ),
  ...Object.keys(REASON_TEXT).map((code) => customerReply(facts('failed', 'some_new_check', [code]), { link: LINK })),
  ...ALL_STATUSES.map((s) => customerReply(facts(s))),
  customerReply(facts('something_new')),
]

afterEach(() => useLocale('en'))

describe('customer reply texts', () => {
  it('should have a customer text for every check and reason the extension words, the demo fails with, and deepidv analyses', () => {
    const catalog = personaCatalog()
    expect(catalog.checks.length).toBeGreaterThan(30)
    expect(deepidvChecks()).toEqual(expect.arrayContaining(['id_matches_selfie', 'pep_sanctions_data', 'peps']))
    const checks = [...keysWith('checkfail_'), ...catalog.checks]
    const reasons = [...keysWith('reason_'), ...catalog.reasons]
    expect(checks.filter((c) => !CHECK_TEXT[c])).toEqual([])
    expect(reasons.filter((r) => !REASON_TEXT[r])).toEqual([])
    expect(deepidvChecks().filter((w) => !CHECK_TEXT[w] && !REASON_TEXT[w])).toEqual([])
  })

  it.each(['en', 'de'])('should have every text in %s, and no text the code does not use', (lang) => {
    const words = catalog[lang]!
    expect(REPLY_TEXTS.filter((name) => !words[`reply_${name}`]?.message.trim())).toEqual([])
    expect(keysWith('reply_').filter((k) => !(REPLY_TEXTS as readonly string[]).includes(k))).toEqual([])
    const used = new Set([
      ...Object.values(CHECK_TEXT),
      ...Object.values(REASON_TEXT),
      ...Object.values(STATUS_TEXT),
      'retry',
      'unknown',
      'link',
    ])
    expect(REPLY_TEXTS.filter((name) => !used.has(name))).toEqual([])
  })

  it.each(['en', 'de'])('should never put a check code, a case, a dashboard link or an internal ID in a %s reply', (lang) => {
    useLocale(lang)
    const ids = ID_PATTERNS.map((p) => new RegExp(p.exact.source.replace(/^\^|\$$/g, '')))
    // One-word codes (`glare`, `expired`) are plain words too: only the code-shaped ones are looked for.
    const codes = [...Object.keys(CHECK_TEXT), ...Object.keys(REASON_TEXT), 'needs_review', 'requires_retry'].filter((c) => c.includes('_'))
    for (const reply of everyReply()) {
      expect(reply.replace(LINK, '')).not.toMatch(/[a-z]+_[a-z]+/)
      expect(codes.filter((c) => reply.includes(c))).toEqual([])
      expect(reply).not.toMatch(/\bcase\b|\bFall\b|Escalated|Open\b/i)
      expect(reply).not.toMatch(/app\.withpersona\.com|app\.deepidv\.com|dashboard/i)
      expect(ids.filter((re) => re.test(reply))).toEqual([])
      expect(reply.replace(LINK, '')).not.toMatch(/https?:/)
    }
  })
})

describe('customerReply', () => {
  it('should say there is nothing to do for an approved verification', () => {
    expect(customerReply(facts('approved'))).toBe('Your identity has been verified. There is nothing more you need to do.')
    useLocale('de')
    expect(customerReply(facts('approved'))).toBe('Ihre Identität wurde bestätigt. Sie müssen nichts weiter tun.')
  })

  it("should give a failed or declined check's own advice: what happened and what to do", () => {
    expect(customerReply(facts('declined', 'id_expired_detection', ['expired']))).toBe(
      'The ID you used has expired. Please try again with a document that has not expired.',
    )
    expect(customerReply(facts('failed', 'id_glare_detection', ['glare']))).toMatch(
      /^The photo of your ID could not be read clearly\. Please try again in good light, .*whole document in frame/,
    )
    expect(customerReply(facts('failed', 'id_matches_selfie'))).toMatch(/^We could not match your selfie to the photo on your ID\./)
    useLocale('de')
    expect(customerReply(facts('declined', 'expiry_date_pass'))).toBe(
      'Der verwendete Ausweis ist abgelaufen. Bitte versuchen Sie es erneut mit einem gültigen Dokument.',
    )
  })

  it('should word an unknown check by its reason code, else give general retry advice', () => {
    expect(customerReply(facts('failed', 'selfie_pose_repeat_detection', ['blurry']))).toMatch(
      /^The photo of your ID could not be read clearly/,
    )
    expect(customerReply(facts('failed', 'selfie_pose_repeat_detection', ['who_knows']))).toMatch(
      /^We could not complete your verification\. Please try again: use good light, keep the whole document in frame/,
    )
    expect(customerReply(facts('failed'))).toBe(customerReply(facts('requires_retry', 'brand_new_check')))
    expect(customerReply(facts('declined', 'brand_new_check'))).toMatch(
      /^We could not verify your identity with the information provided\./,
    )
  })

  it('should never tip off a fraud, sanctions or media finding', () => {
    const notVerified = customerReply(facts('declined', 'id_tamper_detection', ['tampered_text']))
    expect(notVerified).toMatch(/^We could not verify your identity with the documents provided\./)
    for (const [check, reasons] of [
      ['pep_sanctions_data', ['sanctions']],
      ['adverse_media_data', []],
      ['selfie_repeat_detection', ['matches_another_account']],
    ] as const) {
      expect(customerReply(facts('declined', check, [...reasons]))).toBe(notVerified)
    }
    expect(notVerified).not.toMatch(/sanction|fraud|tamper|fake|PEP/i)
  })

  it('should say what happens next while a verification is open, under review or expired, whatever check failed', () => {
    expect(customerReply(facts('needs_review', 'selfie_id_comparison', ['face_mismatch']))).toMatch(
      /^Your verification is being reviewed by our team\. There is nothing you need to do for now/,
    )
    expect(customerReply(facts('pending'))).toMatch(/^Your verification has been started but not finished yet\. Please go back to it/)
    expect(customerReply(facts('completed'))).toMatch(/^We have received your verification\./)
    expect(customerReply(facts('expired'))).toMatch(/^Your verification expired before it was finished\. Please start a new verification/)
    useLocale('de')
    expect(customerReply(facts('needs_review'))).toMatch(/^Ihre Verifizierung wird von unserem Team geprüft\./)
  })

  it('should answer "not verified" alone when any failed check is a suspicion, whichever failed first', () => {
    // The inquiry: more than one face, and a face flagged as suspicious.
    const both = multi('failed', [
      ['selfie_multiple_faces_detection', ['multiple_faces']],
      ['selfie_suspicious_entity_detection', ['government_id_submitted']],
    ])
    expect(customerReply(both)).toBe(customerReply(facts('declined', 'id_tamper_detection')))
    expect(customerReply(both)).not.toMatch(/face|selfie|picture/i)
    expect(
      customerReply(
        multi('expired', [
          ['id_glare_detection', ['glare']],
          ['id_compromised_detection', ['found_online']],
        ]),
      ),
    ).toBe(customerReply(facts('declined', 'id_tamper_detection')))
    useLocale('de')
    expect(customerReply(both)).toMatch(/^Wir konnten Ihre Identität mit den vorgelegten Dokumenten nicht bestätigen\./)
    expect(customerReply(both)).not.toMatch(/Gesicht|Selfie/)
  })

  it('should tell the agent when the reply leaves failed checks out, in their language', () => {
    const both = multi('failed', [
      ['selfie_multiple_faces_detection', []],
      ['id_glare_detection', []],
      ['selfie_pose_detection', []],
    ])
    expect(replyCoverage(both)).toBe('This reply covers 1 of 3 failed checks.')
    // A flagged record's reply is neutral on purpose: the card says why, never "add the rest".
    const flagged = multi('failed', [
      ['selfie_multiple_faces_detection', []],
      ['selfie_suspicious_entity_detection', []],
      ['selfie_pose_detection', []],
    ])
    expect(replyCoverage(flagged)).toBe('Flagged: this reply stays neutral on purpose; the other checks stay internal.')
    expect(
      replyCoverage(
        multi('declined', [
          ['id_glare_detection', ['glare']],
          ['id_blur_detection', ['blurry']],
        ]),
      ),
    ).toBeNull()
    expect(
      replyCoverage(
        multi('approved', [
          ['id_glare_detection', []],
          ['selfie_pose_detection', []],
        ]),
      ),
    ).toBeNull()
    expect(replyCoverage(facts('approved'))).toBeNull()
    useLocale('de')
    expect(replyCoverage(both)).toBe('Diese Antwort deckt 1 von 3 fehlgeschlagenen Prüfungen ab.')
    expect(replyCoverage(flagged)).toBe('Markiert: Diese Antwort bleibt bewusst neutral; die anderen Prüfungen bleiben intern.')
  })

  it('should not say the customer entered details when the document disagrees with itself', () => {
    for (const check of ['id_barcode_inconsistency_detection', 'id_mrz_inconsistency_detection', 'id_aamva_database_lookup']) {
      const reply = customerReply(facts('failed', check, ['name_mismatch']))
      expect(reply, check).toMatch(/^The details on your ID could not be confirmed/)
      expect(reply, check).not.toMatch(/you entered/)
    }
    expect(customerReply(facts('failed', 'database_name_comparison', ['name_mismatch']))).toMatch(/^The details you entered do not match/)
  })

  it('should name the selfie when a stopped attempt had a selfie mismatch', () => {
    const canceled = {
      ...multi('canceled', [['selfie', ['selfie_face_mismatch']]]),
      kind: 'stripe-verification-session' as const,
      id: 'vs_1Pgc76B7WZ01zgkWBdQi8PTU',
    }
    expect(customerReply(canceled).split('\n\n')).toEqual([
      customerReply({ ...canceled, reason: null }),
      customerReply(facts('declined', 'selfie_id_comparison')),
    ])
    expect(replyCoverage(canceled)).toBeNull()
  })

  it("should go by an event's name when the event is about the customer's attempt", () => {
    const event = (name: string) => ({ ...facts(name), kind: 'persona-event' as const, id: 'evt_zEx4jL84ShbUyuwX6AzPSqt6' })
    expect(customerReply(event('inquiry.approved'))).toBe(customerReply(facts('approved')))
    expect(customerReply(event('inquiry.marked-for-review'))).toBe(customerReply(facts('needs_review')))
    expect(customerReply(event('verification.requires-retry'))).toBe(customerReply(facts('failed')))
    expect(customerReply(event('inquiry-session.expired'))).toBe(customerReply(facts('expired')))
    expect(customerReply(event('case.created'))).toBe(customerReply(facts('something_new')))
  })

  it('should add a new link on its own line, with how to use it', () => {
    const reply = customerReply(facts('expired'), { link: ` ${LINK} ` })
    expect(reply.split('\n')).toEqual([
      'Your verification expired before it was finished. Please start a new verification and complete all the steps in one go.',
      '',
      'You can start a new verification with this link. Please complete all the steps in one go:',
      LINK,
    ])
    expect(customerReply(facts('expired'), { link: '  ' })).not.toContain('\n')
  })

  it("should use the team's texts in the reply's language, the most specific first", () => {
    const texts = {
      en: {
        id_expired: 'Team: your ID expired.',
        'check.document_expired_detection': 'Team: the document expired.',
        'reason.glare': 'Team: glare.',
        link: 'Team: use this link once:',
        approved: 'Team: all done.',
      },
      de: { approved: 'Team: alles erledigt.' },
    }
    expect(customerReply(facts('declined', 'id_expired_detection'), { texts })).toBe('Team: your ID expired.')
    expect(customerReply(facts('declined', 'document_expired_detection'), { texts })).toBe('Team: the document expired.')
    expect(customerReply(facts('failed', 'id_glare_detection', ['glare']), { texts })).toBe('Team: glare.')
    expect(customerReply(facts('approved'), { texts, link: LINK })).toBe(`Team: all done.\n\nTeam: use this link once:\n${LINK}`)
    // A text the team did not replace keeps the built-in words.
    expect(customerReply(facts('needs_review'), { texts })).toMatch(/^Your verification is being reviewed/)
    useLocale('de')
    expect(customerReply(facts('approved'), { texts })).toBe('Team: alles erledigt.')
    expect(customerReply(facts('declined', 'id_expired_detection'), { texts })).toBe(
      'Der verwendete Ausweis ist abgelaufen. Bitte versuchen Sie es erneut mit einem gültigen Dokument.',
    )
  })
})
