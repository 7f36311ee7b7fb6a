/**
 * The open views stay current and honest (issue 49, item 8), in real Chromium with the development build
 * against a relay behind an address the test can stop answering: a watch set from a ticket's card keeps
 * that ticket; the background's re-check that sees the change has the open detail and the card show it
 * without a click, and notifies naming the ticket; an extension page's `objectChanged` (what an action
 * calls) does the same. With the relay down, a card keeps its last answer marked not current, and a
 * detail never read says once that the relay is not reached, claiming nothing else. Nothing sleeps.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { attachContentUi, type ContentUi } from '../harness/content-ui.ts'
import { openSidePanelPage } from '../harness/side-panel-page.ts'
import { startSteadyAddress, type SteadyAddress } from '../harness/steady-address.ts'
import { DEMO, REPO_ROOT, startDemoUpstream, startRelay, type DemoUpstream, type RelayProcess } from '../harness/stack.ts'
import { textSpot } from '../harness/text-spot.ts'
import { startHelpdeskServer, type HelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import { WAIT } from '../harness/wait.ts'

const EXTENSION_DIR = process.env.IDV_LENS_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/chrome-mv3-dev')
/** In the Zendesk fixture ticket: approved. */
const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
/** The shape of an inquiry ID that nothing has read (no cached copy anywhere). */
const NEVER_READ = 'inq_NeverReadInTheOutage0000'
const TICKET_PATH = '/agent/tickets/4821'

/** The service worker's chrome API (run there; typed here for the checker). */
declare const chrome: {
  notifications: { getAll(): Promise<Record<string, boolean>> }
  alarms: {
    get(name: string): Promise<{ periodInMinutes?: number } | undefined>
    create(name: string, info: { when: number }): Promise<void>
  }
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } }
  runtime: { sendMessage(message: unknown): Promise<unknown> }
}

let upstream: DemoUpstream
let relay: RelayProcess
let address: SteadyAddress
let server: HelpdeskServer
let browser: ExtensionBrowser
const pageErrors: string[] = []

/** Where the steady address sends connections while the relay is up. */
const relayPort = () => Number(new URL(relay.url).port)

beforeAll(async () => {
  upstream = await startDemoUpstream()
  address = await startSteadyAddress()
  relay = await startRelay({ personaBase: upstream.personaBase, deepidvBase: upstream.deepidvBase })
  address.pointAt(relayPort())
  server = await startHelpdeskServer()
  browser = await launchWithExtension({ extensionDir: EXTENSION_DIR, hostResolverRules: server.hostResolverRules })
  await browser.setSettings({ workerUrl: address.url, agentToken: DEMO.agentToken })
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await relay?.stop()
  await address?.stop()
  await upstream?.stop()
})

/** Moves a demo inquiry to `status` (this upstream sends no webhooks: only a re-read can see it). */
async function changeInquiry(id: string, status: string) {
  const res = await fetch(`${upstream.url}/__demo/persona/inquiries/${id}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status }),
  })
  expect(res.status, await res.clone().text()).toBe(200)
}

/** What an action does once it is done: `objectChanged` from an extension page (the message as lib/messages.ts sends it). */
const announceFrom = (page: Page, ids: string[]) =>
  page.evaluate((data) => chrome.runtime.sendMessage({ id: 1, type: 'objectChanged', data, timestamp: Date.now() }), { ids })

const detailStatus = (panel: Page) =>
  panel.locator('[data-testid="detail-summary"] [data-field="fieldStatus"] [data-testid="status"]').getAttribute('title')
const card = `[data-testid="card"][data-id="${INQUIRY}"]`
const cardStatus = async (ui: ContentUi) => (await ui.find(`${card} [data-testid="status"]`))?.text ?? null

describe('the open views follow a change', () => {
  let panel: Page
  let ticket: Page
  let ui: ContentUi

  it("should show a watch re-check's change in the open detail and the card without a click, and notify naming the ticket", async () => {
    panel = await openSidePanelPage(browser, pageErrors)
    await panel.getByTestId('lookup-input').fill(INQUIRY)
    await panel.getByTestId('lookup-submit').click()
    await expect.poll(() => detailStatus(panel), WAIT).toBe('approved')

    ticket = await browser.context.newPage()
    ticket.on('pageerror', (error) => pageErrors.push(error.message))
    ui = await attachContentUi(ticket)
    await ticket.goto(server.url('acme.zendesk.com', TICKET_PATH))
    await ui.hover(() => textSpot(ticket, INQUIRY))
    await ui.waitFor(`${card} [data-testid="card-fields"]`)
    expect(await cardStatus(ui)).toBe('approved')
    await ui.click(`${card} [data-testid="watch-toggle"]`)
    const stored = async () =>
      (
        (await browser.background.evaluate(() => chrome.storage.local.get('watches'))).watches as
          | { watches: { id: string; ticket?: unknown }[] }
          | undefined
      )?.watches ?? []
    // The watch keeps the ticket it was set from: its address, nothing the page wrote (not even its title).
    await expect
      .poll(async () => (await stored()).find((w) => w.id === INQUIRY)?.ticket, WAIT)
      .toEqual({ url: server.url('acme.zendesk.com', TICKET_PATH) })
    await expect
      .poll(() => browser.background.evaluate(() => chrome.alarms.get('watch-recheck').then((a) => a?.periodInMinutes)), WAIT)
      .toBe(5)

    await changeInquiry(INQUIRY, 'declined')
    // The alarm's time, brought forward; the relay's cached copy still says approved, the re-check reads past it.
    await browser.background.evaluate(() => chrome.alarms.create('watch-recheck', { when: Date.now() }))
    await expect
      .poll(
        async () =>
          Object.keys(await browser.background.evaluate(() => chrome.notifications.getAll())).filter((key) =>
            key.startsWith(`watch:${INQUIRY}:`),
          ),
        WAIT,
      )
      .toEqual([expect.stringMatching(/:ticket$/)])
    await expect.poll(() => detailStatus(panel), WAIT).toBe('declined')
    await expect.poll(() => cardStatus(ui), WAIT).toBe('declined')
  }, 120_000)

  it("should show an action's change (objectChanged from an extension page) in the open detail and the card", async () => {
    await changeInquiry(INQUIRY, 'approved')
    // Not a re-check: the alarm does not fire; the page's announcement alone brings the change.
    await announceFrom(panel, [INQUIRY])
    await expect.poll(() => detailStatus(panel), WAIT).toBe('approved')
    await expect.poll(() => cardStatus(ui), WAIT).toBe('approved')
    // A content script cannot announce: the background refuses it, and nothing re-reads.
    await expect(
      ui.evaluate(
        `chrome.runtime.sendMessage({ id: 2, type: 'objectChanged', data: { ids: ['${INQUIRY}'] }, timestamp: Date.now() }).then((r) => JSON.stringify(r))`,
      ),
    ).resolves.toContain('refused')
  }, 120_000)

  it("should keep the card's answer marked not current, and say once of a detail never read that the relay is not reached", async () => {
    // The relay's address stops answering (every connection dropped, as a stopped relay's port
    // refuses it): all the extension can tell of a relay that is down, without a restart to pay for.
    address.pointAt(null)
    // The card is asked to read its ID again; the relay is not reached.
    await announceFrom(panel, [INQUIRY])
    await ui.waitFor(`${card} [data-testid="card-not-current"]`)
    expect(await cardStatus(ui)).toBe('approved')
    expect((await ui.find(`${card} [data-testid="card-not-current"]`))?.text).toBe(
      'Not current (relay not reached): this is the last answer.',
    )
    // The card's controls are all still there (the same for every answer).
    for (const control of [
      'copy-id',
      'open-detail',
      'open-dashboard',
      'watch-toggle',
      'copy-summary',
      'card-check-requester',
      'card-history',
    ]) {
      expect(await ui.find(`${card} [data-testid="${control}"]`), control).not.toBeNull()
    }

    await panel.getByTestId('detail-back').click()
    await panel.getByTestId('lookup-input').fill(NEVER_READ)
    await panel.getByTestId('lookup-submit').click()
    const detail = panel.locator(`[data-testid="detail"][data-id="${NEVER_READ}"]`)
    await detail.getByTestId('error-unreachable').waitFor(WAIT)
    expect(await detail.getByTestId('error-unreachable').count()).toBe(1)
    const text = (await detail.textContent()) ?? ''
    expect(text).not.toContain('No reference ID')
    for (const claim of ['requester-form', 'detail-history', 'detail-sessions', 'detail-events', 'detail-summary', 'watch-toggle']) {
      expect(await detail.getByTestId(claim).count(), claim).toBe(0)
    }
    address.pointAt(relayPort())
    expect(pageErrors).toEqual([])
  }, 120_000)
})
