import { describe, expect, it } from 'vitest'
import { isUuidSite } from './uuid-sites.ts'

describe('isUuidSite', () => {
  it.each([
    ['acme.zendesk.com', ['acme.zendesk.com'], true],
    ['ACME.zendesk.com', ['acme.zendesk.com '], true],
    ['acme.zendesk.com', ['https://acme.zendesk.com/agent/tickets'], true],
    ['acme.zendesk.com', ['*.zendesk.com'], true],
    ['zendesk.com', ['*.zendesk.com'], false],
    ['evil-zendesk.com', ['*.zendesk.com'], false],
    ['other.zendesk.com', ['acme.zendesk.com'], false],
    ['acme.zendesk.com', [], false],
    ['acme.zendesk.com', [''], false],
  ] as const)('should decide %s with %j → %s', (host, sites, expected) => {
    expect(isUuidSite(host, sites)).toBe(expected)
  })
})
