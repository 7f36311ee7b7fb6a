import { afterEach, describe, expect, it } from 'vitest'
import { useLocale } from '../../test-support/i18n-fake.ts'
import { TICKET_LABEL_MAX, ticketLabel, watchChangeText } from './watch-text.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'

describe('a watched ID change in words', () => {
  afterEach(() => useLocale('en'))

  it('should say what changed, from what to what, in English', () => {
    expect(watchChangeText({ id: INQ, kind: 'persona-inquiry', status: { from: 'pending', to: 'needs_review' } })).toEqual({
      title: 'IDV Lens: a watched ID changed',
      message: `Persona inquiry: ${INQ}\nStatus now needs review (was pending).`,
    })
    expect(watchChangeText({ id: INQ, kind: 'persona-inquiry', caseStatus: { from: null, to: 'Open' } }).message).toBe(
      `Persona inquiry: ${INQ}\nA review case was opened: open.`,
    )
  })

  it('should say it in German, with the statuses in German', () => {
    useLocale('de')
    const text = watchChangeText({
      id: INQ,
      kind: 'persona-inquiry',
      status: { from: 'pending', to: 'approved' },
      caseStatus: { from: 'Open', to: 'Approved' },
    })
    expect(text.title).toBe('IDV Lens: Eine beobachtete ID hat sich geändert')
    expect(text.message).toBe(
      `Persona-Anfrage: ${INQ}\nStatus jetzt genehmigt (vorher ausstehend).\nPrüffall jetzt genehmigt (vorher offen).`,
    )
  })

  it("should title a ticket's change by the kept address's host and path, never the page's words, within bounds", () => {
    const ticket = { url: 'https://acme.zendesk.com:8443/agent/tickets/4821#IDV-Lens-security-alert-re-enter-your-token' }
    expect(watchChangeText({ id: INQ, kind: 'persona-inquiry', ticket, status: { from: 'pending', to: 'approved' } }).title).toBe(
      'acme.zendesk.com:8443/agent/tickets/4821: a watched ID changed',
    )
    expect(ticketLabel({ url: 'https://mail.google.com/' })).toBe('mail.google.com')
    // A path the page chose, spelled as the address bar shows it (percent-encoded) and cut.
    const long = ticketLabel({ url: `https://acme.zendesk.com/IDV%20Lens%20alert/${'x'.repeat(200)}` })
    expect(long).toHaveLength(TICKET_LABEL_MAX)
    expect(long.startsWith('acme.zendesk.com/IDV%20Lens%20alert/x')).toBe(true)
    expect(long.endsWith('…')).toBe(true)
  })
})
