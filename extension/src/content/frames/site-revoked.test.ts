import { describe, expect, it } from 'vitest'
import { frameSiteUrl, isRevokedSite } from './site-revoked.ts'

describe('isRevokedSite', () => {
  it.each([
    ['https://mail.google.com/mail/u/0/', ['https://mail.google.com/*'], true],
    ['https://mail.google.com/mail/u/0/', ['*://mail.google.com/*'], true],
    ['http://mail.google.com/', ['https://mail.google.com/*'], false],
    ['https://acme.zendesk.com/agent/tickets/1', ['https://*.zendesk.com/*'], true],
    ['https://zendesk.com/', ['https://*.zendesk.com/*'], true],
    ['https://evilzendesk.com/', ['https://*.zendesk.com/*'], false],
    ['https://app.slack.com/client/T/C', ['https://mail.google.com/*'], false],
    ['https://crm.example.org/', ['https://*/*'], true],
    ['not a url', ['https://*/*'], false],
    ['https://crm.example.org/', ['chrome://extensions/*'], false],
  ] as const)('should decide %s against %j → %s', (url, origins, expected) => {
    expect(isRevokedSite(url, origins)).toBe(expected)
  })

  it("should judge about:blank and srcdoc frames by their creator's origin", () => {
    expect(frameSiteUrl({ protocol: 'about:', href: 'about:srcdoc' }, 'https://mail.google.com')).toBe('https://mail.google.com/')
    expect(frameSiteUrl({ protocol: 'https:', href: 'https://a.example/x' }, 'https://a.example')).toBe('https://a.example/x')
  })
})
