import { afterEach, describe, expect, it } from 'vitest'
import { useLocale } from '../../test-support/i18n-fake.ts'
import { t } from './i18n.ts'
import { linkLasts } from './link-expiry.ts'

afterEach(() => useLocale('en'))

describe('linkLasts', () => {
  it('should say how long the link works in whole hours up to two days, then days, else minutes', () => {
    expect(linkLasts(86_400)).toBe('24 hours')
    expect(linkLasts(3600)).toBe('1 hour')
    expect(linkLasts(48 * 3600)).toBe('48 hours')
    expect(linkLasts(7 * 86_400)).toBe('7 days')
    expect(linkLasts(5400)).toBe('90 minutes')
    useLocale('de')
    expect(linkLasts(86_400)).toBe('24 Stunden')
    expect(linkLasts(7 * 86_400)).toBe('7 Tage')
  })

  it("should word the reply and the confirm as a duration, never a clock time in the agent's zone", () => {
    expect(t('linkReplyValid', linkLasts(86_400))).toBe('The link is valid for 24 hours.')
    expect(t('linkConfirm', 'inq_1', linkLasts(86_400))).toBe(
      'Make a new one-time link for inquiry inq_1? It works once and is valid for 24 hours.',
    )
    useLocale('de')
    expect(t('linkReplyValid', linkLasts(86_400))).toBe('Der Link ist 24 Stunden lang gültig.')
    expect(t('onfidoLinkConfirm', 'run-1', linkLasts(86_400))).toBe(
      'Einen neuen Onfido-Workflow-Lauf mit Link für den Antragsteller von Lauf run-1 erstellen? Der Link ist 24 Stunden lang gültig.',
    )
  })
})
