/**
 * "Show this ticket's customer" (issue 75.3), in real Chromium (development build, relay under wrangler
 * dev, demo upstream): nothing is asked before the agent's click (no history read in the relay's audit
 * once the panel's list is in; unit tests: no read either), then the Zendesk ticket's External ID
 * (Dana's `user-7431`) lists her records at every registered vendor, a line per vendor, each
 * row opening its detail. A ticket with an email and no reference says so, each vendor "not searched".
 * Light and dark, axe; screenshots in test/artifacts/ticket-customer/ (German: german-pass).
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { VENDOR_NAMES } from '@idv-lens/shared/api'
import { axeViolations } from '../harness/axe.ts'
import { startHelpdeskSession, type HelpdeskSession } from '../harness/helpdesk-session.ts'
import { openSidePanelPage, shootLightAndDark, showPanelTab } from '../harness/side-panel-page.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { ANY_VENDOR, vendorLines } from '../harness/reference-search.ts'
import { WAIT } from '../harness/wait.ts'

const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/ticket-customer')
/** The Zendesk ticket fixture (test/fixtures/helpdesk/zendesk-ticket.html): Dana's External ID in its sidebar. */
const TICKET = '/agent/tickets/4821'
const REFERENCE = 'user-7431'
/** Dana has records at every vendor: Sumsub's is her GREEN applicant (worker/demo-upstream/sumsub/sumsub-seed.ts). */
const VENDORS = VENDOR_NAMES
/** The file's agent on the run's shared stack: its audit rows are the ones counted. */
const AGENT = 'ticket-customer'
/** A Zendesk ticket whose customer context shows an email and no External ID. */
const NO_REFERENCE = '/agent/tickets/4822'
const noReferencePage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket 4822</title></head>
<body><main><h1>Ticket 4822</h1><p>I cannot finish my verification.</p></main>
<aside><span data-test-id="customer-context-name">Dana Customer</span> <span data-test-id="customer-context-email">dana.customer@example.com</span></aside></body></html>`
const WORDS = {
  show: "Show this ticket's customer",
  reference: `Reference ID ${REFERENCE}`,
  byEmail: 'This ticket shows no reference ID, and no vendor can search by email:',
  found: new RegExp(`^(${ANY_VENDOR}): [1-9]\\d* found$`),
  notSearched: new RegExp(`^(${ANY_VENDOR}): not searched, its API cannot list records by email address$`),
}

describe("this ticket's customer, in the side panel (en)", () => {
  let session: HelpdeskSession<typeof AGENT>
  const pageErrors: string[] = []

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true })
    session = await startHelpdeskSession({ agent: AGENT, pages: { [NO_REFERENCE]: noReferencePage } })
  })
  afterAll(async () => {
    await session?.stop()
  })

  /** History reads the relay audited (the route, never a value), CORS preflights left out. */
  const historyReads = async () =>
    (
      await session.stack.relay.queryAudit<{ n: number }>(
        `SELECT COUNT(*) AS n FROM audit WHERE agent = '${AGENT}' AND route = '/v1/history' AND outcome != 'preflight'`,
      )
    )[0]!.n
  const auditRows = async () =>
    (await session.stack.relay.queryAudit<{ n: number }>(`SELECT COUNT(*) AS n FROM audit WHERE agent = '${AGENT}'`))[0]!.n

  /** The ticket at `path`, then the side panel beside it with its Sessions list in (audited): the panel's own work done. */
  async function ticketAndPanel(path: string): Promise<{ ticket: Page; panel: Page; section: Locator }> {
    const ticket = await session.browser.context.newPage()
    await ticket.goto(session.server.url('acme.zendesk.com', path))
    const rowsBefore = await auditRows()
    const panel = await openSidePanelPage(session.browser, pageErrors)
    await showPanelTab(panel, 'sessions')
    await panel.locator('[role="tabpanel"] [data-testid="row"]').first().waitFor(WAIT)
    await expect.poll(auditRows, WAIT).toBeGreaterThan(rowsBefore)
    return { ticket, panel, section: panel.getByTestId('ticket-customer') }
  }

  it("reads nothing before the click, then lists Dana's records at every vendor with a line per vendor", async () => {
    const direct = await fetch(`${session.stack.relay.url}/v1/history?reference-id=${REFERENCE}`, {
      headers: { authorization: `Bearer ${session.agentToken}` },
    })
    const records = ((await direct.json()) as { data: { id: string; provider: string }[] }).data
    expect([...new Set(records.map((r) => r.provider))].sort()).toEqual([...VENDORS].sort())
    // That read is the agent's first (the file's own agent on the run's shared stack), audited before the panel opens.
    await expect.poll(historyReads, WAIT).toBe(1)
    const before = 1
    const { ticket, panel, section } = await ticketAndPanel(TICKET)
    // The panel is up with its list in: the section offers its button and has asked for nothing.
    expect(await section.getAttribute('data-status')).toBe('idle')
    expect(await section.getByTestId('ticket-customer-show').textContent()).toBe(WORDS.show)
    expect(await historyReads()).toBe(before)

    await section.getByTestId('ticket-customer-show').click()
    await expect.poll(() => section.getAttribute('data-status'), WAIT).toBe('done')
    expect(await section.getByTestId('ticket-customer-reference').textContent()).toBe(WORDS.reference)
    const lines = await vendorLines(section)
    expect(lines.map((l) => [l.provider, l.outcome])).toEqual(VENDORS.map((v) => [v, 'searched']))
    for (const line of lines) expect(line.text).toMatch(WORDS.found)
    const shown = await section.getByTestId('search-group').evaluateAll((groups) =>
      groups.map((g) => ({
        provider: (g as HTMLElement).dataset.provider,
        ids: [...g.querySelectorAll<HTMLElement>('[data-testid="search-row"]')].map((r) => r.dataset.id),
      })),
    )
    // Each vendor's records in the relay's order (newest first), every record the relay has for her.
    expect(shown.map((g) => g.provider).sort()).toEqual([...VENDORS].sort())
    for (const group of shown) expect(group.ids).toEqual(records.filter((r) => r.provider === group.provider).map((r) => r.id))
    // One history read for the click, by the reference.
    await expect.poll(historyReads, WAIT).toBe(before + 1)

    await shootLightAndDark(panel, section, join(ARTIFACTS, 'ticket-customer-en'))
    expect(await axeViolations(panel)).toEqual([])
    await panel.emulateMedia({ colorScheme: 'dark' })
    expect(await axeViolations(panel)).toEqual([])
    await panel.emulateMedia({ colorScheme: 'light' })

    // A row opens its detail, as the other lists' rows do.
    const onfido = section.locator('[data-testid="search-group"][data-provider="onfido"] [data-testid="search-row"]').first()
    const id = await onfido.getAttribute('data-id')
    await onfido.getByTestId('row-open').click()
    expect(await panel.locator('[data-testid="detail"]').getAttribute('data-id', { timeout: WAIT.timeout })).toBe(id)
    expect(pageErrors).toEqual([])
    await ticket.close()
    await panel.close()
  })

  it('says plainly where the ticket shows no reference ID, with each vendor not searched by email', async () => {
    const { ticket, panel, section } = await ticketAndPanel(NO_REFERENCE)
    await section.getByTestId('ticket-customer-show').click()
    await expect.poll(() => section.getAttribute('data-status'), WAIT).toBe('done')
    expect(await section.getByTestId('ticket-customer-by-email').textContent()).toBe(WORDS.byEmail)
    expect(await section.getByTestId('ticket-customer-reference').count()).toBe(0)
    const lines = await vendorLines(section)
    expect(lines.map((l) => [l.provider, l.outcome])).toEqual(VENDORS.map((v) => [v, 'not-searched']))
    for (const line of lines) expect(line.text).toMatch(WORDS.notSearched)
    expect(await section.getByTestId('search-group').count()).toBe(0)
    // The email went to the relay only, never into the panel.
    expect(await section.textContent()).not.toContain('dana.customer@example.com')
    await shootLightAndDark(panel, section, join(ARTIFACTS, 'ticket-customer-no-reference-en'))
    expect(await axeViolations(panel)).toEqual([])
    expect(pageErrors).toEqual([])
    await ticket.close()
    await panel.close()
  })
})
