/**
 * Lookups only for the page the agent works on (issue 47, findings 4 and 5), in real Chromium with the
 * dev build, the relay under wrangler dev and the demo upstream counting lookups: a site framing a
 * helpdesk agent URL gets no lookup or mark there; with `tenants` set by Chrome policy another company's
 * tenant gets none either. The policy test loads a copy of the build under an ID of its own (Chromium
 * applies /etc/chromium/policies/managed to every browser on the machine, so no other test's browser
 * sees it) and removes the file when done. No sleeps: every wait is for a condition, bounded.
 */
import { rm } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import type { Frame, Page, Worker } from 'playwright-core'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { attachContentUi } from '../harness/content-ui.ts'
import { trackContexts } from '../harness/mark-boxes.ts'
import { pollUntil } from '../harness/poll.ts'
import type { Stack } from '../harness/stack.ts'
import type { HelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import { shareHelpdeskSession } from '../harness/helpdesk-session.ts'
import { copyWithKey, freshExtensionKey, POLICY_WAIT_MS, writeExtensionPolicy } from '../harness/team-copy.ts'
import { WAIT } from '../harness/wait.ts'

/** The extension APIs these tests call inside the service worker (run there; typed here for the checker). */
declare const chrome: {
  tabs: { query(query: { url: string }): Promise<{ id?: number }[]> }
  action: { getBadgeText(details: { tabId: number }): Promise<string> }
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } }
}

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6' // approved in the demo upstream
const EVENT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a' // known to the demo upstream too

/** A ticket holding one ID, on screen. Each test its own ID: the relay keeps answers, and a repeat would not reach the upstream. */
const ticket = (title: string, id: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><main><h1>${title}</h1><p>The customer sent this reference: ${id}</p></main></body></html>`

/** A site of anyone's that frames a helpdesk agent URL (its own page needs no ID). */
const framing = (src: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Great deals</title></head>
<body><h1>Great deals</h1><iframe src="${src}" width="900" height="500"></iframe></body></html>`

const FRAMED_TICKET = 'https://evil.zendesk.com/agent/tickets/9101'
const TENANT_TICKET = '/agent/tickets/9102'

const TEAM_COPY = freshExtensionKey()

let stack: Stack
let server: HelpdeskServer
let browser: ExtensionBrowser
let agentToken: string

const pages: Record<string, string> = {
  '/agent/tickets/9101': ticket('Ticket 9101', INQUIRY),
  [TENANT_TICKET]: ticket('Ticket 9102', EVENT),
  '/frames/evil-ticket': framing(FRAMED_TICKET),
}
shareHelpdeskSession((session) => ({ stack, server, browser, agentToken } = session), {
  agent: 'own',
  pages,
  extraOrigins: [`chrome-extension://${TEAM_COPY.id}`],
})

// --- Helpers -----------------------------------------------------------------------------------

/** Persona calls the demo upstream answered for the relay: every lookup of an inquiry or event is one. */
const upstreamCalls = () => stack.upstream.personaCalls()
const tabIdOf = (background: Worker, url: string) => background.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url)
const badge = (background: Worker, tabId: number) => background.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)

/** What the page shows of us: any element of ours, any highlight. Runs in the frame's own world. */
const ourTraces = (target: Page | Frame) =>
  target.evaluate(() => ({
    ui: document.querySelector('idv-lens-ui, idv-lens-marks') !== null,
    highlights: (CSS.highlights as unknown as Map<string, unknown>).size,
  }))

/**
 * Where the content script of one frame stands, read in its isolated world over CDP (a cross-site frame
 * has a session of its own): `stopped` once it ran and stopped, `looked-up` once `id`'s lookup
 * answered, `running` meanwhile, null while no copy of it is there.
 */
async function scriptStateReader(target: Page | Frame, id: string): Promise<() => Promise<string | null>> {
  const page = 'page' in target ? target.page() : target
  const cdp = await page.context().newCDPSession(target)
  const contexts = await trackContexts(cdp)
  const expression = `(() => {
    const live = globalThis[Symbol.for('idv-lens.live-copy')]
    if (typeof live !== 'function') return null
    if (!live()) return 'stopped'
    const state = globalThis.__idvLens?.inline?.lookup(${JSON.stringify(id)})?.state
    return state === 'found' || state === 'missing' || state === 'failed' ? 'looked-up' : 'running'
  })()`
  return async () => {
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } }
    for (const ctx of contexts.filter((c) => c.auxData?.type === 'isolated' && c.auxData.frameId === frameTree.frame.id)) {
      const res = (await cdp.send('Runtime.evaluate', { contextId: ctx.id, expression, returnByValue: true }).catch(() => null)) as {
        result?: { value?: string | null }
      } | null
      if (typeof res?.result?.value === 'string') return res.result.value
    }
    return null
  }
}

/** Waits until the frame's content script has settled (stopped, or answered for `id`), and says which. */
async function settledState(read: () => Promise<string | null>): Promise<string | null> {
  await expect.poll(read, WAIT).toMatch(/^(stopped|looked-up)$/)
  return read()
}

// --- Tests -------------------------------------------------------------------------------------

describe('lookups only for the page the agent works on', () => {
  it("should look nothing up and mark nothing in a helpdesk agent URL framed by another site, and look the same URL up as the tab's page", async () => {
    const before = await upstreamCalls()
    const page = await browser.context.newPage()
    await page.goto(server.url('wiki.example.test', '/frames/evil-ticket'))
    const frame = await pollUntil(
      async () => page.frames().find((f) => f.url() === FRAMED_TICKET) ?? null,
      (f) => f !== null,
      { timeoutMs: WAIT.timeout, what: 'the framed ticket' },
    )
    await frame!.waitForLoadState('load')
    expect(await frame!.content()).toContain(INQUIRY)

    // The manifest matches the agent URL, so our script starts in the frame; the background tells it
    // the tab's page is no agent's page, and it stops before it scans.
    const state = await scriptStateReader(frame!, INQUIRY)
    expect(await settledState(state)).toBe('stopped')
    expect(await ourTraces(frame!)).toEqual({ ui: false, highlights: 0 })
    expect(await upstreamCalls()).toBe(before)

    // The same URL as the tab's own page: looked up and marked.
    const top = await browser.context.newPage()
    const ui = await attachContentUi(top)
    await top.goto(FRAMED_TICKET)
    await expect.poll(upstreamCalls, WAIT).toBeGreaterThan(before)
    await expect.poll(async () => (await ui.markBoxes()).map((b) => b.text), WAIT).toEqual([INQUIRY])
    // The framed copy still stopped: the lookup was the top page's only.
    expect(await state()).toBe('stopped')
    expect(await ourTraces(frame!)).toEqual({ ui: false, highlights: 0 })
  })
})

describe("the team's tenants (Chrome policy)", () => {
  it("should mark and look up nothing on another company's tenant of the same helpdesk, and show the tenants on the options page, while the team's own tenant is looked up", async () => {
    const dir = await copyWithKey(TEAM_COPY.key)
    let removePolicy = async () => {}
    let team: ExtensionBrowser | undefined
    try {
      removePolicy = await writeExtensionPolicy('tenants', TEAM_COPY.id, { tenants: ['acme.zendesk.com'] })
      team = await launchWithExtension({ extensionDir: dir, hostResolverRules: server.hostResolverRules })
      expect(team.extensionId).toBe(TEAM_COPY.id)
      await team.setSettings({ workerUrl: stack.relay.url, agentToken })
      // The background's copy of policy (Chromium's first read of it after a start can take seconds).
      const background = team.background
      await pollUntil(
        () => background.evaluate(async () => (await chrome.storage.local.get('managedTenants')).managedTenants ?? null),
        (tenants) => JSON.stringify(tenants) === '["acme.zendesk.com"]',
        { timeoutMs: POLICY_WAIT_MS, what: "the team's tenants from policy" },
      )

      const options = await team.context.newPage()
      await options.goto(team.pageUrl('options.html'))
      const field = options.getByTestId('setting-tenants')
      await field.waitFor({ timeout: WAIT.timeout })
      expect(await field.inputValue()).toBe('acme.zendesk.com')
      expect(await field.evaluate((el) => (el as HTMLTextAreaElement).readOnly)).toBe(true)
      expect(await options.getByTestId('locked-tenants').isVisible()).toBe(true)

      const before = await upstreamCalls()
      const evil = await team.context.newPage()
      await evil.goto(server.url('evil.zendesk.com', TENANT_TICKET))
      expect(await evil.content()).toContain(EVENT)
      expect(await settledState(await scriptStateReader(evil, EVENT))).toBe('stopped')
      expect(await ourTraces(evil)).toEqual({ ui: false, highlights: 0 })
      expect(await badge(background, (await tabIdOf(background, evil.url()))!)).toBe('')
      expect(await upstreamCalls()).toBe(before)

      const acme = await team.context.newPage()
      const ui = await attachContentUi(acme)
      await acme.goto(server.url('acme.zendesk.com', TENANT_TICKET))
      await expect.poll(upstreamCalls, WAIT).toBeGreaterThan(before)
      await expect.poll(async () => (await ui.markBoxes()).map((b) => b.text), WAIT).toEqual([EVENT])
      const acmeTab = (await tabIdOf(background, acme.url()))!
      await expect.poll(() => badge(background, acmeTab), WAIT).toBe('1')
      expect(await ourTraces(evil)).toEqual({ ui: false, highlights: 0 })
    } finally {
      // Only this test's browser reads it, but it goes first: nothing on the machine keeps it.
      await removePolicy()
      await team?.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
