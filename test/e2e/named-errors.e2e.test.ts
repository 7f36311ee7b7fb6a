/**
 * Errors that name their cause (issue 78, item 4), real Chromium, the development build, the shared
 * relay and one with live events on: a refused token on every surface (popup list, Live
 * tab, card, Test connection), each with a way to the settings; a URL that answers but is no relay
 * (a web server on 127.0.0.1), told apart from ALLOWED_ORIGINS and from nothing answering; a UUID
 * no UUID vendor has; the email hint naming every vendor. Screenshots: test/artifacts/named-errors/.
 * No sleeps: every wait is for a condition, bounded.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { VENDOR_NAMES } from '@idv-lens/shared/api'
import { attachContentUi } from '../harness/content-ui.ts'
import { shareHelpdeskSession, type HelpdeskSession } from '../harness/helpdesk-session.ts'
import { startLiveStack, type LiveStack } from '../harness/live.ts'
import { freePort } from '../harness/processes.ts'
import { openDetail, openSidePanelPage } from '../harness/side-panel-page.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { textSpot } from '../harness/text-spot.ts'
import { WAIT } from '../harness/wait.ts'

/** The extension API read in the service worker (run there; typed here for the checker). */
declare const chrome: { storage: { local: { set(items: object): Promise<void> } } }

const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/named-errors')
const TICKET = '/agent/tickets/7808'
/** The demo story's inquiry (worker/demo-upstream/persona-story.ts), and a UUID neither deepidv nor Onfido knows. */
const INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const UNKNOWN_UUID = '0b7e4d2c-9a13-4f58-b6e0-2c8d1a7f3e95'
const WRONG_TOKEN = 'idvl_not_a_token_the_relay_knows_0001'

const ticket = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket 7808</title>
<style>body { font: 13px/1.6 system-ui, sans-serif; margin: 24px; color: #222; background: #fff } p { margin: 0 0 220px }</style></head>
<body><main id="conversation"><h1>Ticket 7808</h1><p>My inquiry was ${INQUIRY}.</p><p>The app showed ${UNKNOWN_UUID}.</p></main></body></html>`

const WORDS = {
  en: {
    tokenTitle: 'Agent token rejected',
    tokenRefused: 'The relay refused the agent token.',
    openSettings: 'Open settings',
    liveRefused: 'not connected',
    connTokenRefused: 'The relay is up, but it refused this agent token.',
    notRelayTitle: 'Not an IDV Lens relay',
    foreign: (url: string) => `Something answered at ${url}, but not as an IDV Lens relay. Check the relay URL in the settings.`,
    unreachableTitle: 'Relay unreachable',
    cannotReach: (url: string) => `IDV Lens cannot reach your relay at ${url}; it will retry.`,
    nothingAnswered: (url: string) => `Nothing answered at ${url}.`,
    uuidKind: 'UUID not found at any UUID vendor',
    uuidMessage: 'No UUID vendor on this relay has this ID.',
    noEmail: 'not searched, its api cannot list records by email address',
  },
} as const

/** A web server that is not a relay: every path answers 200 with an HTML page, without CORS headers. */
let intranet: Server
let intranetUrl: string
/** A relay with live events on (the shared one has none: its Live tab polls and never asks for a ticket), for both languages. */
let liveStack: LiveStack

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true })
  liveStack = await startLiveStack()
  intranet = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Intranet</title><h1>Welcome</h1>'),
  )
  await new Promise<void>((resolve) => intranet.listen(0, '127.0.0.1', resolve))
  intranetUrl = `http://127.0.0.1:${(intranet.address() as AddressInfo).port}`
})

afterAll(async () => {
  await liveStack?.stop()
  await new Promise<void>((resolve) => (intranet ? intranet.close(() => resolve()) : resolve()))
})

describe('errors that name their cause (en)', () => {
  const locale = 'en'
  const words = WORDS[locale]
  const pageErrors: string[] = []
  let session: HelpdeskSession
  shareHelpdeskSession((s) => (session = s), { agent: 'named-errors', pages: { [TICKET]: ticket } })

  beforeAll(async () => {
    // Bare UUIDs count on this site (the agent's setting).
    await session.browser.background.evaluate(() => chrome.storage.local.set({ siteSettings: { uuidSites: ['acme.zendesk.com'] } }))
  })

  const useRelay = (workerUrl: string, agentToken = session.agentToken) => session.browser.setSettings({ workerUrl, agentToken })

  async function openPage(path: 'popup.html' | 'options.html', viewport = { width: 400, height: 600 }): Promise<Page> {
    const page = await session.browser.context.newPage()
    page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`))
    await page.setViewportSize(viewport)
    await page.goto(session.browser.pageUrl(path))
    return page
  }

  /** Clicks `click` and returns the options page it opened. */
  async function opensOptions(click: () => Promise<void>): Promise<Page> {
    const [options] = await Promise.all([
      session.browser.context.waitForEvent('page', {
        predicate: (p) => p.url().startsWith(session.browser.pageUrl('options.html')),
        timeout: WAIT.timeout,
      }),
      click(),
    ])
    await options.getByTestId('setting-agent-token').waitFor(WAIT)
    return options
  }

  /** "Test connection" on the options page with the saved settings: its sentence and the relay's badge state. */
  async function testConnection(workerUrl: string): Promise<{ text: string; relay: string | null; page: Page }> {
    const page = await openPage('options.html', { width: 800, height: 900 })
    // The form holds the saved settings once they are read.
    await expect.poll(() => page.getByTestId('setting-worker-url').inputValue(), WAIT).toBe(workerUrl)
    await page.getByTestId('test-connection').click()
    const result = page.getByTestId('connection-result')
    await result.waitFor(WAIT)
    return { text: (await page.getByTestId('result-message').textContent()) ?? '', relay: await result.getAttribute('data-relay'), page }
  }

  it('says the relay refused the agent token on every surface, each with a way to the settings', { timeout: 240_000 }, async () => {
    await useRelay(liveStack.relay.url, WRONG_TOKEN)

    // The popup's list.
    const popup = await openPage('popup.html')
    const banner = popup.getByRole('tabpanel').getByTestId('error-unauthorized')
    await banner.waitFor(WAIT)
    expect(await banner.locator('strong').textContent()).toBe(words.tokenTitle)
    expect(await banner.textContent()).toContain(words.tokenRefused)
    expect(await banner.getByTestId('open-settings').textContent()).toBe(words.openSettings)
    await popup.screenshot({ path: join(ARTIFACTS, `popup-token-${locale}.png`) })
    const fromPopup = await opensOptions(() => banner.getByTestId('open-settings').click())
    await fromPopup.close()

    // The side panel's Live tab: refused, said once with the way to the settings, and no more tries.
    const panel = await openSidePanelPage(session.browser, pageErrors)
    await panel.getByTestId('tab-live').click()
    const indicator = panel.getByTestId('live-indicator')
    await expect.poll(() => indicator.getAttribute('data-status'), WAIT).toBe('refused')
    expect(await indicator.textContent()).toBe(words.liveRefused)
    const live = panel.getByTestId('live-section').getByTestId('error-unauthorized')
    expect(await live.textContent()).toContain(words.tokenRefused)
    await panel.screenshot({ path: join(ARTIFACTS, `live-token-${locale}.png`) })
    const fromLive = await opensOptions(() => live.getByTestId('open-settings').click())
    await fromLive.close()
    expect(await indicator.getAttribute('data-status'), 'still refused: no "reconnecting…"').toBe('refused')

    // The card on a ticket, whose button asks the background to open the settings.
    const page = await session.browser.context.newPage()
    const ui = await attachContentUi(page)
    await page.goto(session.server.url('acme.zendesk.com', TICKET))
    await expect.poll(async () => (await ui.markBoxes()).length, WAIT).toBe(2)
    const card = `[data-testid="card"][data-id="${INQUIRY}"]`
    await ui.hover(() => textSpot(page, INQUIRY))
    await ui.waitFor(`${card} [data-testid="card-open-settings"]`)
    expect((await ui.find(`${card} [data-testid="card-message"]`))?.text).toBe(words.tokenRefused)
    expect((await ui.find(`${card} [data-testid="card-open-settings"]`))?.text).toBe(words.openSettings)
    const box = (await ui.find(card))!.box
    await page.screenshot({
      path: join(ARTIFACTS, `card-token-${locale}.png`),
      clip: { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8), width: box.width + 16, height: box.height + 16 },
    })
    const fromCard = await opensOptions(() => ui.click(`${card} [data-testid="card-open-settings"]`))
    await fromCard.close()
    await page.close()

    // Test connection on the options page itself.
    const connection = await testConnection(liveStack.relay.url)
    expect(connection.text).toContain(words.connTokenRefused)
    await connection.page.close()
    expect(pageErrors).toEqual([])
  })

  it('tells a URL that answers but is no relay from a missing ALLOWED_ORIGINS entry and from nothing answering', {
    timeout: 180_000,
  }, async () => {
    await useRelay(intranetUrl)
    const popup = await openPage('popup.html')
    // A list, then the Live tab (the popup opens on the tab last chosen): the same words in both.
    for (const tab of ['tab-inquiries', 'tab-live']) {
      await popup.getByTestId(tab).click()
      const banner = popup.getByRole('tabpanel').getByTestId('error-unreachable')
      await banner.waitFor(WAIT)
      expect(await banner.locator('strong').textContent()).toBe(words.notRelayTitle)
      expect(await banner.textContent()).toContain(words.foreign(intranetUrl))
      expect(await banner.textContent()).not.toContain('ALLOWED_ORIGINS')
      await banner.getByTestId('open-settings').waitFor(WAIT)
      await popup.screenshot({ path: join(ARTIFACTS, `popup-not-a-relay-${tab}-${locale}.png`) })
    }
    const connection = await testConnection(intranetUrl)
    expect(connection.text).toBe(words.foreign(intranetUrl))
    expect(connection.relay).toBe('error')
    await connection.page.getByTestId('connection-result').screenshot({ path: join(ARTIFACTS, `options-not-a-relay-${locale}.png`) })
    await connection.page.close()
    await popup.close()

    // Nothing at all on the address: its own words, with no settings advice in the lists.
    const nowhere = `http://127.0.0.1:${await freePort()}`
    await useRelay(nowhere)
    const down = await openPage('popup.html')
    await down.getByTestId('tab-inquiries').click()
    const unreachable = down.getByRole('tabpanel').getByTestId('error-unreachable')
    await unreachable.waitFor(WAIT)
    expect(await unreachable.locator('strong').textContent()).toBe(words.unreachableTitle)
    expect(await unreachable.textContent()).toContain(words.cannotReach(nowhere))
    expect(await unreachable.getByTestId('open-settings').count()).toBe(0)
    const nothing = await testConnection(nowhere)
    expect(nothing.text).toContain(words.nothingAnswered(nowhere))
    expect(nothing.relay).toBe('unreachable')
    expect(pageErrors).toEqual([])
  })

  it('names a UUID no UUID vendor has as such, and the email hint names every vendor', { timeout: 180_000 }, async () => {
    await useRelay(session.stack.relay.url)
    const page = await session.browser.context.newPage()
    const ui = await attachContentUi(page)
    await page.goto(session.server.url('acme.zendesk.com', TICKET))
    await expect.poll(async () => (await ui.markBoxes()).length, WAIT).toBe(2)
    const card = `[data-testid="card"][data-id="${UNKNOWN_UUID}"]`
    await ui.hover(() => textSpot(page, UNKNOWN_UUID))
    await ui.waitFor(`${card} [data-testid="card-message"]`)
    await expect.poll(async () => (await ui.find(`${card} .card-kind`))?.text.trim(), WAIT).toBe(words.uuidKind)
    expect((await ui.find(`${card} [data-testid="card-message"]`))?.text).toContain(words.uuidMessage)
    const box = (await ui.find(card))!.box
    await page.screenshot({
      path: join(ARTIFACTS, `card-unknown-uuid-${locale}.png`),
      clip: { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8), width: box.width + 16, height: box.height + 16 },
    })
    await page.close()

    // The side panel's detail of it says the same in its heading.
    const panel = await openSidePanelPage(session.browser, pageErrors)
    const detail = await openDetail(panel, UNKNOWN_UUID, { settled: true })
    await expect.poll(() => detail.getByTestId('detail-kind').textContent(), WAIT).toBe(words.uuidKind)
    await panel.getByTestId('detail-back').click()
    await panel.getByTestId('lookup-input').fill('dana.customer@example.com')
    await panel.getByTestId('lookup-submit').click()
    // An email is searched where a vendor's API can filter by it, and each vendor's line says why not.
    const lines = panel.getByTestId('search-vendor-line')
    await expect.poll(() => lines.count(), WAIT).toBe(VENDOR_NAMES.length)
    const texts = (await lines.allTextContents()).map((line) => line.toLowerCase())
    for (const vendor of VENDOR_NAMES) expect(texts.find((line) => line.startsWith(vendor.toLowerCase()))).toContain(words.noEmail)
    await panel.screenshot({ path: join(ARTIFACTS, `email-hint-${locale}.png`), clip: { x: 0, y: 0, width: 400, height: 200 } })
    expect(pageErrors).toEqual([])
  })
})
