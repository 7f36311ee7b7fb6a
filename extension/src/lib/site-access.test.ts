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

  it("should leave the public pages of helpdesk hosts (Help Centers, trial tenants' themes) to the agent's request", () => {
    for (const url of [
      'https://acme.zendesk.com/hc/en-us/articles/360001',
      'https://acme.zendesk.com/',
      'https://acme.freshdesk.com/support/home',
      'https://app.intercom.com/',
    ]) {
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
      enabledSitePatterns(
        ['https://*.zendesk.com/*', 'https://crm.example.org/*', 'http://intranet.local/*', 'chrome://extensions/*', 'https://r.example/*'],
        'https://r.example/*',
      ),
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

describe("a site granted on Chrome's Site access page (or by policy)", () => {
  it('should count a `*://host/*` grant as enabling the site, with that grant to give back', () => {
    expect(enabledSitePatterns(['*://crm.example.org/*', '*://r.example/*'], 'https://r.example/*')).toEqual(['*://crm.example.org/*'])
    // Chrome also lists the manifest's content script matches among the granted origins: never an enabled site.
    expect(
      enabledSitePatterns(['https://*.zendesk.com/agent/*', 'https://app.hubspot.com/help-desk/*', 'https://mail.google.com/*'], null),
    ).toEqual(['https://mail.google.com/*'])
    expect(siteAccess('https://crm.example.org/cases/1', ['*://crm.example.org/*'])).toEqual({
      kind: 'enabled',
      host: 'crm.example.org',
      pattern: '*://crm.example.org/*',
    })
  })
})

describe('the built-in work tools', () => {
  it.each([
    'https://acme.lightning.force.com/lightning/r/Case/500Hs00001XyZ/view',
    'https://acme--uat.sandbox.lightning.force.com/lightning/r/Case/500Hs00001XyZ/view',
    'https://acme.my.salesforce.com/500Hs00001XyZ',
    'https://acme--c.vf.force.com/apex/CaseEmail?id=500',
    'https://app.hubspot.com/help-desk/123/view/1/ticket/9',
    'https://app-eu1.hubspot.com/contacts/123/record/0-5/9',
    'https://desk.zoho.eu/agent/acme/support/tickets/details/1',
    'https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/1/SUP-12',
    'https://acme.atlassian.net/jira/servicedesk/projects/SUP/issues/SUP-12',
  ])('should start by themselves on the agent page %s', (url) => {
    expect(siteAccess(url, []).kind).toBe('automatic')
  })

  it.each([
    'https://acme.atlassian.net/servicedesk/customer/portal/1/SUP-12',
    'https://acme.atlassian.net/wiki/spaces/SUP',
    // Any Jira project's issue page, Jira Software's boards: not Service Management's agent views.
    'https://acme.atlassian.net/browse/SUP-12',
    'https://acme.atlassian.net/jira/software/projects/DEV/boards/1',
    'https://desk.zoho.com/portal/acme/en/home',
    'https://acme.lightning.force.com/',
    'https://mail.google.com/mail/u/0/#inbox',
    'https://app.slack.com/client/T1/C1',
  ])('should leave %s (a public page, or a one-click workspace not enabled) to the agent', (url) => {
    expect(siteAccess(url, []).kind).toBe('on-request')
  })
})
