import { afterEach, describe, expect, it } from 'vitest'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import { reasonLine } from '../../lib/check-words.ts'
import { customerReply } from '../../lib/customer-reply.ts'
import { factsOfOnfidoRun } from './onfido-facts.ts'
import type { OnfidoReport } from './onfido-records.ts'
import { DOCUMENT, FACE, RUN } from './onfido-test-records.ts'

afterEach(() => useLocale('en'))

/** A reason name a team's workflow made, worded for the team alone. */
const TEAM_REASON = 'acme_rule_7_linked_to_mule_case'
const teamRun = { ...RUN, reasons: [TEAM_REASON] }
/** The demo's document report flagged on its authenticity, Onfido's sub-result `suspected`. */
const SUSPECTED: OnfidoReport = {
  ...DOCUMENT,
  sub_result: 'suspected',
  breakdown: {
    image_integrity: { result: 'clear' },
    visual_authenticity: { result: 'consider', breakdown: { security_features: { result: 'consider' } } },
  },
}
const reasonless = { ...RUN, reasons: [] }

describe("a reason name an Onfido team's workflow made", () => {
  it('reads as a rule of the workflow on the card, in en and de', () => {
    const facts = factsOfOnfidoRun(teamRun)
    expect(reasonLine(facts.status, facts.reason)).toBe("Declined: a rule of your team's Onfido workflow decided it")
    useLocale('de')
    expect(reasonLine(facts.status, facts.reason)).toMatch(/^Abgelehnt: eine Regel im Onfido-Workflow Ihres Teams hat so entschieden$/)
  })

  it('answers the customer by the status, never with the name or its words, in en and de', () => {
    for (const lang of ['en', 'de'] as const) {
      useLocale(lang)
      const declined = customerReply(factsOfOnfidoRun(teamRun))
      expect(declined).toBe(customerReply(factsOfOnfidoRun({ ...RUN, reasons: [] })))
      const error = customerReply(factsOfOnfidoRun({ ...teamRun, status: 'error' }))
      for (const reply of [declined, error]) expect(reply).not.toMatch(/acme|rule|mule|linked/i)
    }
  })
})

describe("a failed report's reply, when the workflow gives no reasons", () => {
  it('says only "not verified" for a document Onfido suspects, never "try again"', () => {
    for (const report of [SUSPECTED, { ...SUSPECTED, breakdown: {} }]) {
      const facts = factsOfOnfidoRun(reasonless, [report, FACE])
      expect(customerReply(facts)).toBe(customerReply(factsOfOnfidoRun({ ...RUN, reasons: ['document_suspected_fraud'] })))
      expect(customerReply(facts)).not.toMatch(/try again/i)
    }
  })

  it("asks for what the flagged breakdown item names, not the report's general retry", () => {
    const blurred = factsOfOnfidoRun(reasonless, [DOCUMENT, FACE])
    expect(customerReply(blurred)).toBe(customerReply(factsOfOnfidoRun({ ...RUN, reasons: ['image_integrity'] })))
    const face: OnfidoReport = { ...FACE, result: 'consider', breakdown: { face_comparison: { result: 'consider' } } }
    expect(customerReply(factsOfOnfidoRun(reasonless, [face]))).toBe(
      customerReply(factsOfOnfidoRun({ ...RUN, reasons: ['face_mismatch'] })),
    )
    expect(reasonLine('declined', factsOfOnfidoRun(reasonless, [SUSPECTED]).reason)).toBe('Flagged: the ID document may not be genuine')
  })
})
