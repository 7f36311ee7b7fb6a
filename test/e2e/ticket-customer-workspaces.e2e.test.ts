/**
 * "Show this ticket's customer" from each workspace fixture (test/fixtures/workspaces/*-requester.html),
 * real Chromium, relay under wrangler dev: one panel and one ticket tab, navigated fixture to fixture. By
 * the customer's own ID where the product shows one (Zendesk, Freshdesk, Intercom), else by the email
 * (no vendor API filters by it: "not searched"), else nothing (HubSpot, Jira: a name only). No history
 * read before the click, page DOM untouched, no email shown or audited; of two ticket tabs, the one the
 * agent looks at is read. Screenshots: test/artifacts/ticket-customer/workspace-*.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { VENDOR_NAMES } from '@idv-lens/shared/api'
import { REQUESTER_PATHS, type WorkspaceHost } from '../fixtures/workspaces/serve.ts'
import { axeViolations } from '../harness/axe.ts'
import { turnOnGmail } from '../harness/gmail-on.ts'
import { openSidePanelPage, shootLightAndDark } from '../harness/side-panel-page.ts'
import { ANY_VENDOR, vendorLines } from '../harness/reference-search.ts'
import type { SharedStackAddress } from '../harness/shared-stack.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { WAIT } from '../harness/wait.ts'
import { shareWorkspaceSession, type WorkspaceSession } from '../harness/workspace-session.ts'

const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/ticket-customer')
/** The file's agent on the run's shared stack: its audit rows are the ones counted. */
const AGENT = 'ticket-customer-workspaces'
/** Jane Doe's reference at Persona (worker/demo-upstream/persona-fixture.ts), as the fixtures show it. */
const REFERENCE = 'abc-123'
const VENDORS = VENDOR_NAMES
/** Every email the fixtures hold: none may reach the panel or the audit. */
const EMAILS = ['jane@doe.com', 'JANE@doe.com', 'j.doe@another.example']

type By = 'reference' | 'email' | 'none'
type Case = { name: string; host: WorkspaceHost; path: string; by: By; shot?: string }
const CASES: Case[] = [
  { name: 'Zendesk', host: 'acme.zendesk.com', path: '/agent/tickets/12', by: 'reference' },
  { name: 'Freshdesk', host: 'acme.freshdesk.com', path: '/a/tickets/12', by: 'reference', shot: 'workspace-reference-en' },
  { name: 'Intercom', host: 'app.intercom.com', path: '/a/inbox/acme/inbox/conversation/12', by: 'reference' },
  { name: 'Help Scout', host: 'secure.helpscout.net', path: '/conversation/12/3', by: 'email', shot: 'workspace-email-en' },
  { name: 'Front', host: 'app.frontapp.com', path: '/open/cnv_12', by: 'email' },
  { name: 'Salesforce', host: 'acme.lightning.force.com', path: REQUESTER_PATHS.salesforce, by: 'email' },
  { name: 'Zoho Desk', host: 'desk.zoho.eu', path: REQUESTER_PATHS.zoho, by: 'email' },
  { name: 'Gmail', host: 'mail.google.com', path: REQUESTER_PATHS.gmail, by: 'email' },
  { name: 'HubSpot', host: 'app.hubspot.com', path: REQUESTER_PATHS.hubspot, by: 'none' },
  { name: 'Jira Service Management', host: 'acme.atlassian.net', path: REQUESTER_PATHS.jira, by: 'none', shot: 'workspace-none-en' },
]
const WORDS = {
  reference: `Reference ID ${REFERENCE}`,
  byEmail: 'This ticket shows no reference ID, and no vendor can search by email:',
  notSearched: new RegExp(`^(${ANY_VENDOR}): not searched, its API cannot list records by email address$`),
  nothing: 'This ticket shows no reference ID and no email address: there is nothing to search by.',
}

const mutations = (page: Page) => page.evaluate(() => (window as unknown as { __pageMutations: string[] }).__pageMutations)

describe("this ticket's customer, from each workspace (en)", () => {
  let session: WorkspaceSession<SharedStackAddress>
  shareWorkspaceSession((s) => (session = s), { agent: AGENT })
  beforeAll(() => mkdir(ARTIFACTS, { recursive: true }))

  /** History reads the relay audited (the route, never a value), CORS preflights left out. */
  const historyReads = async () =>
    (
      await session.stack.relay.queryAudit<{ n: number }>(
        `SELECT COUNT(*) AS n FROM audit WHERE agent = '${AGENT}' AND route = '/v1/history' AND outcome != 'preflight'`,
      )
    )[0]!.n
  /** The persona records the relay has for the reference, newest first (asked directly: its audit row counted in `reads`). */
  const personaRecords = async () => {
    const res = await fetch(`${session.stack.relay.url}/v1/history?reference-id=${REFERENCE}`, {
      headers: { authorization: `Bearer ${session.agentToken}` },
    })
    return ((await res.json()) as { data: { id: string; provider: string }[] }).data
      .filter((r) => r.provider === 'persona')
      .map((r) => r.id)
  }

  /** The side panel beside the tickets, its section drawn and idle. */
  async function panelBeside(errors: string[]): Promise<{ panel: Page; section: Locator }> {
    const panel = await openSidePanelPage(session.browser, errors)
    const section = panel.getByTestId('ticket-customer')
    await section.getByTestId('ticket-customer-show').waitFor(WAIT)
    return { panel, section }
  }

  /** Clicks "Show this ticket's customer" afresh (hiding the last answer first) and waits for its answer. */
  async function show(section: Locator): Promise<string> {
    if (await section.getByTestId('ticket-customer-hide').count()) await section.getByTestId('ticket-customer-hide').click()
    await expect.poll(() => section.getAttribute('data-status'), WAIT).toBe('idle')
    await section.getByTestId('ticket-customer-show').click()
    await expect.poll(() => section.getAttribute('data-status'), WAIT).toMatch(/^(done|none|no-ticket)$/)
    return (await section.getAttribute('data-status'))!
  }

  /** What the section says for a ticket read by `by`. */
  async function expectAnswer(section: Locator, { name, by }: Case, persona: string[]): Promise<void> {
    if (by === 'none') {
      expect(await section.getByTestId('ticket-customer-nothing').textContent(), name).toBe(WORDS.nothing)
      return
    }
    const lines = await vendorLines(section)
    if (by === 'reference') {
      expect(await section.getByTestId('ticket-customer-reference').textContent(), name).toBe(WORDS.reference)
      expect(
        lines.map((l) => [l.provider, l.outcome]),
        name,
      ).toEqual(VENDORS.map((v) => [v, 'searched']))
      expect(lines.find((l) => l.provider === 'persona')?.text, name).toBe(`Persona: ${persona.length} found`)
      // Sumsub's demo applicants carry other External IDs (worker/demo-upstream/sumsub/sumsub-seed.ts).
      expect(lines.find((l) => l.provider === 'sumsub')?.text, name).toBe('Sumsub: none found')
      expect(await section.locator('[data-testid="search-group"][data-provider="sumsub"]').count(), name).toBe(0)
      const rows = section.locator('[data-testid="search-group"][data-provider="persona"] [data-testid="search-row"]')
      expect(await rows.evaluateAll((list) => list.map((r) => (r as HTMLElement).dataset.id)), name).toEqual(persona)
      return
    }
    expect(await section.getByTestId('ticket-customer-by-email').textContent(), name).toBe(WORDS.byEmail)
    expect(await section.getByTestId('ticket-customer-reference').count(), name).toBe(0)
    expect(
      lines.map((l) => [l.provider, l.outcome]),
      name,
    ).toEqual(VENDORS.map((v) => [v, 'not-searched']))
    for (const line of lines) expect(line.text, name).toMatch(WORDS.notSearched)
    expect(await section.getByTestId('search-group').count(), name).toBe(0)
  }

  it('reads each fixture on the click only: by its reference ID where it shows one, else by email, else says there is nothing', async () => {
    await turnOnGmail(session.browser)
    const persona = await personaRecords()
    expect(persona.length).toBeGreaterThan(0)
    await expect.poll(historyReads, WAIT).toBe(1)
    let reads = 1
    const errors: string[] = []
    const ticket = await session.browser.context.newPage()
    const { panel, section } = await panelBeside(errors)
    for (const one of CASES) {
      await ticket.goto(session.server.url(one.host, one.path))
      await ticket.waitForFunction(() => Array.isArray((window as unknown as { __pageMutations?: unknown }).__pageMutations))
      // The ticket is open: nothing has asked the relay about its customer.
      expect(await historyReads(), one.name).toBe(reads)
      await ticket.evaluate(() => ((window as unknown as { __pageMutations: string[] }).__pageMutations.length = 0))
      expect(await show(section), one.name).toBe(one.by === 'none' ? 'none' : 'done')
      await expectAnswer(section, one, persona)
      // One read for a reference or an email, none where there is nothing to search by; the page untouched by it.
      if (one.by !== 'none') reads++
      await expect.poll(historyReads, WAIT).toBe(reads)
      expect(await mutations(ticket), one.name).toEqual([])
      const text = (await section.textContent()) ?? ''
      expect(
        EMAILS.filter((e) => text.includes(e)),
        one.name,
      ).toEqual([])
      if (one.shot) await shootLightAndDark(panel, section, join(ARTIFACTS, one.shot))
    }
    expect(await axeViolations(panel)).toEqual([])
    const audit = JSON.stringify(await session.stack.relay.queryAudit(`SELECT * FROM audit WHERE agent = '${AGENT}'`))
    expect(EMAILS.filter((e) => audit.toLowerCase().includes(e.toLowerCase()))).toEqual([])
    expect(errors).toEqual([])
  })

  it('with two ticket tabs open, reads the one the agent is looking at, never the other', async () => {
    const [zendesk, helpScout] = [CASES[0]!, CASES[3]!]
    const first = await session.browser.context.newPage()
    await first.goto(session.server.url(zendesk.host, zendesk.path))
    const second = await session.browser.context.newPage()
    await second.goto(session.server.url(helpScout.host, helpScout.path))
    const { section } = await panelBeside([])
    const persona = await personaRecords()
    // The agent goes back to the first ticket (opened earlier, so not the newest tab): that one is read; then the other.
    for (const [page, one] of [
      [first, zendesk],
      [second, helpScout],
    ] as const) {
      await page.bringToFront()
      expect(await show(section), one.name).toBe('done')
      await expectAnswer(section, one, persona)
    }
  })
})
