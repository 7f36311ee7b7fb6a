import { describe, expect, it } from 'vitest'
import { enabledSitePatterns, siteAccess, sitePattern } from './site-access.ts'

const HELPDESKS = ['https://*.zendesk.com/*', 'https://app.intercom.com/*']

describe('siteAccess', () => {
  it.each([
    'chrome://extensions/',
    'chrome-extension://icljgiklpkchbldfjiplcpfkfmimljeo/popup.html',
    'file:///home/agent/notes.html',
    'about:blank',
    'view-source:https://crm.example.org/',
    'https://chromewebstore.google.com/detail/idv-lens/abc',
    'https://chrome.google.com/webstore/category/extensions',
    'https://microsoftedge.microsoft.com/addons/detail/abc',
    'https://addons.mozilla.org/en-US/firefox/addon/idv-lens/',
  ])('should call %s restricted', (url) => {
    expect(siteAccess(url, HELPDESKS)).toEqual({ kind: 'restricted' })
  })

  it('should let inline lookups start by themselves on the helpdesks', () => {
    expect(siteAccess('https://acme.zendesk.com/agent/tickets/1', HELPDESKS)).toEqual({ kind: 'automatic', host: 'acme.zendesk.com' })
    // Even if the agent has not been asked for anything: the manifest grants them.
    expect(siteAccess('https://app.intercom.com/a/inbox', [])).toEqual({ kind: 'automatic', host: 'app.intercom.com' })
  })

  it('should leave the public pages of helpdesk hosts (Help Centers, trial tenants\' themes) to the agent\'s request', () => {
    for (const url of ['https://acme.zendesk.com/hc/en-us/articles/360001', 'https://acme.zendesk.com/', 'https://acme.freshdesk.com/support/home', 'https://app.intercom.com/']) {
      expect(siteAccess(url, HELPDESKS).kind, url).toBe('on-request')
    }
    expect(siteAccess('https://acme.freshdesk.com/a/tickets/12', []).kind).toBe('automatic')
  })

  it('should only run on other sites when asked, unless the agent enabled the site', () => {
    expect(siteAccess('https://wiki.example.test/notes?x=1', HELPDESKS)).toEqual({
      kind: 'on-request',
      host: 'wiki.example.test',
      pattern: 'https://wiki.example.test/*',
    })
    expect(siteAccess('http://intranet.local:8080/case/12', [...HELPDESKS, 'http://intranet.local/*'])).toEqual({
      kind: 'enabled',
      host: 'intranet.local',
      pattern: 'http://intranet.local/*',
    })
    // Enabling one scheme does not enable the other.
    expect(siteAccess('https://intranet.local/', ['http://intranet.local/*']).kind).toBe('on-request')
    // The Web Store's other pages are ordinary sites.
    expect(siteAccess('https://chrome.google.com/search', []).kind).toBe('on-request')
  })

  it('should treat a site covered by a broader grant as automatic: there is no one site permission to give back', () => {
    expect(siteAccess('https://crm.example.org/cases', ['https://*.example.org/*'])).toEqual({ kind: 'automatic', host: 'crm.example.org' })
    expect(siteAccess('https://crm.example.org/cases', ['https://*/*'])).toEqual({ kind: 'automatic', host: 'crm.example.org' })
  })
})

describe('enabledSitePatterns', () => {
  it('should keep web origins beyond the helpdesks and the relay', () => {
    expect(
      enabledSitePatterns(['https://*.zendesk.com/*', 'https://crm.example.org/*', 'http://intranet.local/*', 'chrome://extensions/*', 'https://r.example/*'], 'https://r.example/*'),
    ).toEqual(['https://crm.example.org/*', 'http://intranet.local/*'])
  })
})

describe('sitePattern', () => {
  it.each([
    ['https://crm.example.org/cases/12?x=1', 'https://crm.example.org/*'],
    ['http://intranet.local:8080/a', 'http://intranet.local/*'],
    ['chrome://extensions/', null],
    ['file:///tmp/a.html', null],
    ['not a url', null],
    [undefined, null],
  ])('should turn %s into %s', (url, pattern) => {
    expect(sitePattern(url)).toBe(pattern)
  })
})
