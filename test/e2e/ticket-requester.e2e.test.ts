/**
 * "Check the ticket's requester", in real Chromium (built extension, relay under wrangler dev, demo
 * upstream): one ticket fixture per workspace (test/fixtures/workspaces/*-requester.html), each with
 * the requester where that workspace shows it. The card reads nothing before the agent's click (the
 * relay's audit holds no requester check until then), answers match / no match / unknown with what
 * was compared, keeps the value nowhere, and says so where the ticket shows no requester, offering the
 * paste field. The side panel's button asks the ticket's tab. Screenshots go to test/artifacts/card/.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { attachContentUi, type ContentUi } from '../harness/content-ui.ts'
import { turnOnGmail } from '../harness/gmail-on.ts'
import { openSidePanelPage } from '../harness/side-panel-page.ts'
import { REPO_ROOT, startStack, type Stack } from '../harness/stack.ts'
import { textSpot } from '../harness/text-spot.ts'
import { shareWorkspaceSession, type WorkspaceSession } from '../harness/workspace-session.ts'
import { REQUESTER_PATHS, type WorkspaceHost } from '../fixtures/workspaces/serve.ts'
import { WAIT } from '../harness/wait.ts'

declare const chrome: {
  storage: { local: { get(key: null): Promise<object> }; session: { get(key: null): Promise<object> } }
}

const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/card')
const SCHEMES = ['light', 'dark'] as const
/** The demo's approved inquiry: Jane Marie Doe, jane@doe.com (worker/demo-upstream/persona-fixture.ts). */
const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const CARD = `[data-testid="card"][data-id="${INQUIRY}"]`
/** Every requester value the fixtures hold: none may stay in the extension's storage or UI. */
const VALUES = ['jane@doe.com', 'JANE@doe.com', 'j.doe@another.example', 'Jane Doe', 'Jane Marie Doe', 'John Smith']

type Case = { name: string; host: WorkspaceHost; path: string; result: 'match' | 'no-match'; field: 'email' | 'name' }

const CASES: Case[] = [
  { name: 'Zendesk', host: 'acme.zendesk.com', path: '/agent/tickets/12', result: 'match', field: 'email' },
  { name: 'Freshdesk', host: 'acme.freshdesk.com', path: '/a/tickets/12', result: 'no-match', field: 'email' },
  { name: 'Help Scout', host: 'secure.helpscout.net', path: '/conversation/12/3', result: 'match', field: 'email' },
  { name: 'Intercom', host: 'app.intercom.com', path: '/a/inbox/acme/inbox/conversation/12', result: 'match', field: 'name' },
  { name: 'Front', host: 'app.frontapp.com', path: '/open/cnv_12', result: 'match', field: 'email' },
  { name: 'Salesforce', host: 'acme.lightning.force.com', path: REQUESTER_PATHS.salesforce, result: 'match', field: 'email' },
  {
    name: 'Salesforce (native shadow)',
    host: 'acme.lightning.force.com',
    path: REQUESTER_PATHS.salesforceNative,
    result: 'match',
    field: 'email',
  },
  { name: 'HubSpot', host: 'app.hubspot.com', path: REQUESTER_PATHS.hubspot, result: 'no-match', field: 'name' },
  { name: 'Zoho Desk', host: 'desk.zoho.eu', path: REQUESTER_PATHS.zoho, result: 'match', field: 'email' },
  { name: 'Jira Service Management', host: 'acme.atlassian.net', path: REQUESTER_PATHS.jira, result: 'match', field: 'name' },
  { name: 'Gmail', host: 'mail.google.com', path: REQUESTER_PATHS.gmail, result: 'match', field: 'email' },
]

const WORDS = {
  en: {
    'match-email': 'Match: this is the email used to verify.',
    'no-match-email': 'No match: this is not the email used to verify.',
    'match-name': 'Match: this is the name verified.',
    'no-match-name': 'No match: this is not the name verified.',
    email: "Compared: the ticket's requester email.",
    name: "Compared: the ticket's requester name.",
    none: 'No requester found on this ticket. Paste it in the side panel',
    noneHere: 'No requester found on this ticket: paste the email or name below.',
  },
} as const

beforeAll(() => mkdir(ARTIFACTS, { recursive: true }))

/** Requester checks the relay has audited so far (the route, never a value), the browser's CORS preflights left out. */
const requesterChecks = async (session: WorkspaceSession) =>
  (
    await session.stack.relay.queryAudit<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit WHERE route = '/v1/requester-check' AND outcome != 'preflight'",
    )
  )[0]!.n
/** Rows the relay has audited so far: the lookup's row shows the audit has caught up with the page's calls. */
const auditRows = async (session: WorkspaceSession) =>
  (await session.stack.relay.queryAudit<{ n: number }>('SELECT COUNT(*) AS n FROM audit'))[0]!.n

/** Everything the extension keeps, as one string. */
const storedText = (session: WorkspaceSession) =>
  session.browser.background.evaluate(async () =>
    JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]),
  )

/** The ticket with the inquiry's card open and its lookup answered (audited), and the audit's count of requester checks then. */
async function openCard(
  session: WorkspaceSession,
  host: WorkspaceHost,
  path: string,
): Promise<{ page: Page; ui: ContentUi; checksBefore: number }> {
  const rowsBefore = await auditRows(session)
  const checksBefore = await requesterChecks(session)
  const page = await session.browser.context.newPage()
  const ui = await attachContentUi(page)
  await page.goto(session.server.url(host, path))
  await ui.hover(() => textSpot(page, INQUIRY))
  await ui.waitFor(`${CARD} [data-testid="status"][data-tone="good"]`)
  await ui.waitFor(`${CARD} [data-testid="card-check-requester"]`)
  await expect.poll(() => auditRows(session), WAIT).toBeGreaterThan(rowsBefore)
  return { page, ui, checksBefore }
}

/** The Zendesk ticket's card after the check, light and dark (the screenshots). */
async function shootResult(session: WorkspaceSession, locale: 'en'): Promise<void> {
  const { page, ui } = await openCard(session, 'acme.zendesk.com', '/agent/tickets/12')
  await ui.click(`${CARD} [data-testid="card-check-requester"]`)
  await expect.poll(async () => (await ui.find(`${CARD} [data-testid="card-requester"]`))?.attrs['data-result'], WAIT).toBe('match')
  expect((await ui.find(`${CARD} [data-testid="card-requester-result"]`))?.text).toBe(WORDS[locale]['match-email'])
  expect((await ui.find(`${CARD} [data-testid="card-requester-compared"]`))?.text).toBe(WORDS[locale].email)
  const box = (await ui.find(CARD))!.box
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.screenshot({
      path: join(ARTIFACTS, `card-requester-${locale}-${scheme}.png`),
      clip: { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8), width: box.width + 16, height: box.height + 16 },
    })
  }
}

/*
The relay allows an agent 10 requester checks a minute, and so of one object (worker/src/gate/
requester-checks.ts). The workspaces' cases check one demo inquiry as one agent: two halves, each on
its own relay with at most 8 checks (the first half's 5 and the German one; the second half's 6 and
two more), so no run meets that limit however fast it goes.
*/
const HALVES = [CASES.slice(0, 5), CASES.slice(5)] as const

/** Each workspace's case: read on the click only, the result and the field, sent once, kept nowhere. */
function itReadsEachWorkspace(cases: readonly Case[], session: () => WorkspaceSession): void {
  it.each(cases)('$name: reads it on the click only, and says the result and what was compared', async ({ host, path, result, field }) => {
    await checkOnWorkspace(session(), { host, path, result, field })
  })
}

async function checkOnWorkspace(session: WorkspaceSession, { host, path, result, field }: Omit<Case, 'name'>): Promise<void> {
  if (host === 'mail.google.com') await turnOnGmail(session.browser)
  const { page, ui, checksBefore } = await openCard(session, host, path)
  // The card is open and its lookup was audited: no requester was read or sent before the click.
  expect(await requesterChecks(session)).toBe(checksBefore)
  // From here on, any change the page's own observer sees (the fixture records them) would be the read's.
  await page.evaluate(() => ((window as unknown as { __pageMutations: string[] }).__pageMutations.length = 0))
  await ui.click(`${CARD} [data-testid="card-check-requester"]`)
  await expect.poll(async () => (await ui.find(`${CARD} [data-testid="card-requester"]`))?.attrs['data-result'], WAIT).toBe(result)
  expect((await ui.find(`${CARD} [data-testid="card-requester-result"]`))?.text).toBe(WORDS.en[`${result}-${field}`])
  expect((await ui.find(`${CARD} [data-testid="card-requester-compared"]`))?.text).toBe(WORDS.en[field])
  // Sent once; the page's DOM untouched by the read; the value neither in our UI nor in storage.
  await expect.poll(() => requesterChecks(session), WAIT).toBe(checksBefore + 1)
  expect(await page.evaluate(() => (window as unknown as { __pageMutations: string[] }).__pageMutations)).toEqual([])
  const ours = await ui.evaluate<string>('root.innerHTML')
  expect(VALUES.filter((v) => ours.includes(v))).toEqual([])
  const stored = await storedText(session)
  expect(VALUES.filter((v) => stored.includes(v))).toEqual([])
}

describe('on the first relay', () => {
  let stack: Stack
  beforeAll(async () => {
    stack = await startStack()
  })
  afterAll(() => stack?.stop())

  describe("the card's check of the ticket's requester (en), first workspaces", () => {
    let session: WorkspaceSession
    shareWorkspaceSession((s) => (session = s), { over: () => stack })
    itReadsEachWorkspace(HALVES[0], () => session)
  })
})

describe("the card's check of the ticket's requester (en)", () => {
  let session: WorkspaceSession
  shareWorkspaceSession((s) => (session = s))
  itReadsEachWorkspace(HALVES[1], () => session)

  it('says where the ticket shows no requester, sends nothing, and offers the paste field in the side panel', async () => {
    const panel = await openSidePanelPage(session.browser, [])
    // HubSpot's EU ticket record: no contact card on it (?driven: its thread re-renders only when asked).
    const { page, ui, checksBefore } = await openCard(session, 'app-eu1.hubspot.com', '/contacts/123/record/0-5/9?driven')
    await ui.click(`${CARD} [data-testid="card-check-requester"]`)
    await expect.poll(async () => (await ui.find(`${CARD} [data-testid="card-requester"]`))?.attrs['data-result'], WAIT).toBe('none')
    expect((await ui.find(`${CARD} [data-testid="card-requester"]`))?.text).toBe(WORDS.en.none)
    expect(await requesterChecks(session)).toBe(checksBefore)
    await ui.click(`${CARD} [data-testid="card-requester-paste"]`)
    await expect.poll(() => panel.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null), WAIT).toBe('requester-input')
    expect(await panel.locator('[data-testid="detail"]').getAttribute('data-id')).toBe(INQUIRY)
    await page.close()
  })

  it("the side panel's button asks the ticket's tab, on its click only", async () => {
    const panel = await openSidePanelPage(session.browser, [])
    const { ui, checksBefore } = await openCard(session, 'acme.zendesk.com', '/agent/tickets/12')
    await ui.click(`${CARD} [data-testid="open-detail"]`)
    const detail = panel.locator(`[data-testid="detail"][data-id="${INQUIRY}"]`)
    await detail.getByTestId('requester-from-ticket').waitFor(WAIT)
    expect(await requesterChecks(session)).toBe(checksBefore)
    await detail.getByTestId('requester-from-ticket').click()
    await expect.poll(() => detail.getByTestId('requester-answer').getAttribute('data-result'), WAIT).toBe('match')
    expect(await detail.getByTestId('requester-answer').innerText()).toBe(`${WORDS.en['match-email']}\n${WORDS.en.email}`)
    await expect.poll(() => requesterChecks(session), WAIT).toBe(checksBefore + 1)
    const stored = await storedText(session)
    expect(VALUES.filter((v) => stored.includes(v))).toEqual([])
  })

  it("shows the result in the card's own words (screenshots)", () => shootResult(session, 'en'))
})
