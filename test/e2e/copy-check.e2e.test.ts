/**
 * The card's copies while the agent has not turned the copy check on (clipboardRead is optional and
 * not granted: a fresh install), in real Chromium with the relay under wrangler dev and the demo
 * upstream. The copy lands all the same, the card says under "Copied" that it was not checked, the side
 * panel offers the check once, "Not now" is remembered, and the options page keeps the switch. With the
 * check on, copy-isolation.e2e.test.ts shows it working. Headless Chromium cannot answer the browser's
 * prompt, so "Turn on" is not clicked here (components/CopyCheck.test.tsx asks inside the click).
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { ExtensionBrowser } from '../harness/browser.ts'
import { attachContentUi, type ContentUi } from '../harness/content-ui.ts'
import { shareHelpdeskSession } from '../harness/helpdesk-session.ts'
import { openSidePanelPage } from '../harness/side-panel-page.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import type { HelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import { WAIT } from '../harness/wait.ts'

/** The extension APIs the tests call in the service worker (run there; typed here for the checker). */
declare const chrome: {
  permissions: { contains(p: { permissions: string[] }): Promise<boolean> }
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } }
}

const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/copy-check')
const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6' // approved in the demo upstream
const TICKET = '/agent/tickets/9150'
const CARD = `[data-testid="card"][data-id="${INQUIRY}"]`
const ticket = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket 9150</title></head>
<body><main id="conversation"><h1>Ticket 9150</h1><p>The customer's reference is ${INQUIRY}, please check it.</p></main></body></html>`

const WORDS = {
  en: {
    unchecked: 'Not checked whether the page wrote over this copy: the copy check is off (IDV Lens settings)',
    offer: "Check the card's copies?",
    why: "For a second after a card's copy, IDV Lens reads the clipboard back and warns when the helpdesk page wrote over it.",
    turnOn: 'Turn on the copy check',
    reply: 'Your identity has been verified. There is nothing more you need to do.',
  },
}

type Session = { server: HelpdeskServer; browser: ExtensionBrowser }

const checkOn = (s: Session) => s.browser.background.evaluate(() => chrome.permissions.contains({ permissions: ['clipboardRead'] }))
const offerState = (s: Session) =>
  s.browser.background.evaluate(async () => (await chrome.storage.local.get('copyCheckOffer')).copyCheckOffer ?? null)

/** Where the agent pastes: another site (no content script), allowed to read the clipboard. */
async function clipboardReader(s: Session): Promise<Page> {
  const at = s.server.url('wiki.example.test', '/notes')
  await s.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(at).origin })
  const reader = await s.browser.context.newPage()
  await reader.goto(at)
  return reader
}
const clipboard = (reader: Page) => reader.evaluate(() => navigator.clipboard.readText())

/** The ticket's card, opened from the keyboard (the launcher, the list's row, Enter into the card), its ID found. */
async function openCard(s: Session): Promise<{ page: Page; ui: ContentUi }> {
  const page = await s.browser.context.newPage()
  const ui = await attachContentUi(page)
  await page.goto(s.server.url('acme.zendesk.com', TICKET))
  await ui.waitFor('[data-testid="launcher"]')
  await page.keyboard.press('Shift+Tab')
  await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'launcher' })
  await page.keyboard.press('Enter')
  await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'id-row', id: INQUIRY })
  await ui.waitFor(`${CARD} [data-testid="copy-summary"]:not([aria-disabled="true"])`)
  await page.keyboard.press('Enter')
  await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'copy-id', inCard: true })
  return { page, ui }
}

/** A side panel page that has drawn its first screen (its search box), so an offer missing there is missing. */
async function sidePanel(s: Session): Promise<Page> {
  const panel = await openSidePanelPage(s.browser, [])
  await panel.getByTestId('lookup-input').waitFor()
  return panel
}

describe('copying without the copy check (en)', () => {
  const s = {} as Session
  shareHelpdeskSession((session) => Object.assign(s, session), { agent: 'copy-check', pages: { [TICKET]: ticket } })

  it('lands the copy, says under "Copied" that it was not checked, and offers the check once beside the ticket', async () => {
    expect(await checkOn(s)).toBe(false)
    const reader = await clipboardReader(s)
    const panel = await sidePanel(s)
    expect(await panel.getByTestId('copy-check-offer').count()).toBe(0)

    const { page, ui } = await openCard(s)
    await ui.click(`${CARD} [data-testid="copy-id"]`)
    // The copy is on the clipboard, and the card's answer is that it went unchecked.
    await expect.poll(() => clipboard(reader), WAIT).toBe(INQUIRY)
    await ui.waitFor(`${CARD}[data-copy="1 unchecked"]`)
    expect((await ui.find(`${CARD} [data-testid="copy-unchecked"]`))?.text).toBe(WORDS.en.unchecked)
    expect(await ui.find(`${CARD} [data-testid="copy-replaced"]`)).toBeNull()
    await page.screenshot({ path: join(ARTIFACTS, 'card-unchecked-en.png') })

    // The open side panel offers the check at once, saying why.
    const offer = panel.getByTestId('copy-check-offer')
    await offer.waitFor()
    expect(await offer.textContent()).toContain(WORDS.en.why)
    expect(await offer.getByTestId('copy-check-turn-on').textContent()).toBe(WORDS.en.turnOn)
    expect(await offerState(s)).toBe('due')
    await offer.screenshot({ path: join(ARTIFACTS, 'offer-en.png') })

    // "Not now": the offer goes, and it is remembered.
    await offer.getByTestId('copy-check-not-now').click()
    await offer.waitFor({ state: 'detached' })
    expect(await offerState(s)).toBe('declined')

    // The next copy (S, the reply) lands unchecked as well, and asks nothing again: not in the panel, not in the popup.
    await page.bringToFront()
    await page.keyboard.press('s')
    await expect.poll(() => clipboard(reader), WAIT).toBe(WORDS.en.reply)
    await ui.waitFor(`${CARD}[data-copy="2 unchecked"]`)
    expect(await ui.find(`${CARD} [data-testid="copy-unchecked"]`)).not.toBeNull()
    const popup = await s.browser.context.newPage()
    await popup.goto(s.browser.pageUrl('popup.html'))
    await popup.getByTestId('lookup-input').waitFor()
    expect(await popup.getByTestId('copy-check-offer').count()).toBe(0)
    expect(await panel.getByTestId('copy-check-offer').count()).toBe(0)
    expect(await offerState(s)).toBe('declined')

    // The options page keeps the switch, off.
    const options = await s.browser.context.newPage()
    await options.goto(s.browser.pageUrl('options.html'))
    const toggle = options.getByTestId('copy-check-toggle')
    await expect.poll(() => toggle.getAttribute('aria-pressed'), WAIT).toBe('false')
    expect(await toggle.textContent()).toBe(WORDS.en.turnOn)
    await options.getByTestId('copy-check-setting').screenshot({ path: join(ARTIFACTS, 'options-en.png') })
    expect(await checkOn(s)).toBe(false)
  })
})
