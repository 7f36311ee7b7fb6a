import { fakeBrowser } from 'wxt/testing/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { managedTenantsItem } from '../lib/settings.ts'
import { browserPageScope, createPageScope, isTenant, stopOutsideTenants } from './page-scope.ts'
import { contentScript } from '../../test-support/sender-fakes.ts'
import type { Sender } from './sender-policy.ts'

const TICKET = 'https://acme.zendesk.com/agent/tickets/9'
const EVIL_TICKET = 'https://evil.zendesk.com/agent/tickets/9'
const ATTACKER = 'https://www.attacker-site.com/'
const CRM = 'https://crm.example.org/cases/1'

/** A frame below the top (frameId 4) of a tab whose page is `top` (undefined: the browser showed us none). */
const frame = (url: string, top: string | undefined): Sender => ({
  ...contentScript(7, url, 4),
  tab: { id: 7, windowId: 1, url: top } as Sender['tab'],
})

const scopeWith = ({ granted = [] as string[], tenants = [] as string[], relay = null as string | null } = {}) =>
  createPageScope({ granted: async () => granted, tenants: async () => tenants, relay: async () => relay })

describe('page scope', () => {
  beforeEach(() => fakeBrowser.reset())

  it('should refuse a helpdesk agent URL framed by a site the agent does not work on, and allow it under an agent workspace', async () => {
    const scope = scopeWith()
    // A site we hold no permission for: the browser gives no tab URL.
    expect(await scope.allows(frame(EVIL_TICKET, undefined))).toBe(false)
    // Visible (the agent once asked there: activeTab), still not a page the agent works on.
    expect(await scope.allows(frame(EVIL_TICKET, ATTACKER))).toBe(false)
    // A Help Center of a helpdesk host framing an agent URL: a public page, not the workspace.
    expect(await scope.allows(frame(TICKET, 'https://acme.zendesk.com/hc/en-us'))).toBe(false)
    expect(await scope.allows(frame(TICKET, TICKET))).toBe(true)
    expect(await scope.allows(frame('about:srcdoc', TICKET))).toBe(true)
    // The page itself: its script is there by the manifest, a grant or the agent's ask.
    expect(await scope.allows(contentScript(7, ATTACKER))).toBe(true)
    expect(await scope.allows(contentScript(7, 'chrome://settings/'))).toBe(false)
  })

  it("should allow the frames of a site the agent enabled, never those of the relay's own page", async () => {
    expect(await scopeWith().allows(frame(TICKET, CRM))).toBe(false)
    expect(await scopeWith({ granted: ['https://crm.example.org/*'] }).allows(frame(TICKET, CRM))).toBe(true)
    expect(await scopeWith({ granted: ['*://crm.example.org/*'] }).allows(frame('about:blank', CRM))).toBe(true)
    const relay = 'https://relay.example.com/*'
    expect(await scopeWith({ granted: [relay], relay }).allows(frame(TICKET, 'https://relay.example.com/'))).toBe(false)
  })

  it("should keep inline lookups to the team's tenants when policy names them, in every frame", async () => {
    const scope = scopeWith({ tenants: ['acme.zendesk.com', 'acme.my.salesforce.com'] })
    expect(await scope.allows(contentScript(7, EVIL_TICKET))).toBe(false)
    expect(await scope.allows(frame('about:srcdoc', EVIL_TICKET))).toBe(false)
    expect(await scope.allows(frame(TICKET, EVIL_TICKET))).toBe(false)
    expect(await scope.allows(contentScript(7, TICKET))).toBe(true)
    expect(await scope.allows(frame(EVIL_TICKET, TICKET))).toBe(true)
    // Elsewhere too, an enabled site or a page the agent asked on.
    expect(await scopeWith({ tenants: ['acme.zendesk.com'], granted: ['https://crm.example.org/*'] }).allows(frame(TICKET, CRM))).toBe(
      false,
    )
    expect(await scope.allows(contentScript(7, CRM))).toBe(false)
    expect(isTenant('ACME.zendesk.com', ['acme.zendesk.com'])).toBe(true)
    expect(isTenant('evil.zendesk.com', [])).toBe(true)
  })

  it("should read the team's tenants from the cached copy of policy and follow its changes", async () => {
    const scope = browserPageScope()
    expect(await scope.allows(contentScript(7, EVIL_TICKET))).toBe(true)
    await managedTenantsItem.setValue(['acme.zendesk.com'])
    await expect.poll(() => scope.allows(contentScript(7, EVIL_TICKET))).toBe(false)
    expect(await scope.allows(contentScript(7, TICKET))).toBe(true)
  })

  it("should stop every frame of the tabs whose page is on none of the team's tenants when policy names them", async () => {
    const tabs = [
      { id: 1, url: TICKET },
      { id: 2, url: EVIL_TICKET },
      { id: 3 }, // a page we hold no permission for: nothing of ours runs in its frames
      { id: 4, url: 'chrome://extensions/' },
    ]
    const stopped: number[] = []
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (tabId: number) => void stopped.push(tabId)) as never)
    const stop = stopOutsideTenants({ tabs: { query: async () => tabs } } as never)
    await managedTenantsItem.setValue(['acme.zendesk.com'])
    await vi.waitFor(() => expect(stopped).toEqual([2]))
    stop()
  })
})
