/**
 * The card's "Copy ID" and "Copy reply" (S) and "Copy internal note" (Shift+S) as a hostile helpdesk page observes them (real Chromium,
 * the built extension, wrangler dev, the demo upstream). The page refuses the clipboard to everything
 * in it (`Permissions-Policy: clipboard-write=()`), logs every copy, selection and focus event in the
 * capture phase on `window`, and rewrites any copy to "HIJACKED": the copies must land as asked and the
 * page hear nothing. The clipboard is read from a page of another site (CDP grants no permission to an
 * extension's origin). No sleeps: every wait is for a condition.
 */import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { ExtensionBrowser } from '../harness/browser.ts'
import { attachContentUi } from '../harness/content-ui.ts'
import { shareHelpdeskSession } from '../harness/helpdesk-session.ts'
import type { HelpdeskServer } from '../fixtures/helpdesk/serve.ts'

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6' // approved in the demo upstream
const TICKET = '/agent/tickets/9147'
const WAIT = { timeout: 20_000, interval: 100 }
/** What the agent had on the clipboard before: a copy that fails must leave it there. */
const BEFORE = 'what the agent copied before'

/** Every event a page hears about a copy, a selection or focus. */
const WATCHED_EVENTS = ['beforecopy', 'copy', 'beforecut', 'cut', 'paste', 'selectstart', 'selectionchange', 'focusin', 'focusout', 'focus', 'blur']

/**
 * The hostile ticket: one ID in the conversation, and a script that logs what it hears (the event,
 * its target and the selection at that moment) and swaps the text of any copy for its own.
 */
const hostileTicket = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket 9147</title>
<script>
  window.__heard = []
  const note = (e) => window.__heard.push({ type: e.type, target: e.target && e.target.nodeName, selection: String(getSelection()) })
  for (const type of ${JSON.stringify(WATCHED_EVENTS)}) addEventListener(type, note, true)
  addEventListener('copy', (e) => { e.clipboardData.setData('text/plain', 'HIJACKED'); e.preventDefault() }, true)
</script></head>
<body><main id="conversation"><h1>Ticket 9147</h1><p>The customer's reference is ${INQUIRY}, please check it.</p></main></body></html>`

let server: HelpdeskServer
let browser: ExtensionBrowser
shareHelpdeskSession((session) => ({ server, browser } = session), {
  agent: 'own',
  pages: { [TICKET]: { body: hostileTicket, headers: { 'permissions-policy': 'clipboard-write=()' } } },
})

/** Where the agent pastes: another site (no helpdesk, so no content script), allowed to read and write the clipboard. */
async function clipboardReader(): Promise<Page> {
  const at = server.url('wiki.example.test', '/notes')
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(at).origin })
  const reader = await browser.context.newPage()
  await reader.goto(at)
  return reader
}

const clipboard = (reader: Page) => reader.evaluate(() => navigator.clipboard.readText())
const heard = (page: Page) => page.evaluate(() => (window as unknown as { __heard: unknown[] }).__heard)

describe('copying from the card on a page that wants the copy', () => {
  it('lands what the agent asked for, and the page hears no copy, selection or focus event', async () => {
    const reader = await clipboardReader()
    await reader.evaluate((text) => navigator.clipboard.writeText(text), BEFORE)
    expect(await clipboard(reader)).toBe(BEFORE)

    const page = await browser.context.newPage()
    const ui = await attachContentUi(page)
    await page.goto(server.url('acme.zendesk.com', TICKET))
    // Into the found ID's card from the keyboard: the launcher, the list's row, Enter into the card.
    await ui.waitFor('[data-testid="launcher"]')
    await page.keyboard.press('Shift+Tab')
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'launcher' })
    await page.keyboard.press('Enter')
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'id-row', id: INQUIRY })
    const card = `[data-testid="card"][data-id="${INQUIRY}"]`
    // The card has its controls before the answer; S copies a summary only once the ID is found.
    await ui.waitFor(`${card} [data-testid="copy-summary"]:not([aria-disabled="true"])`)
    await page.keyboard.press('Enter')
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'copy-id', inCard: true })

    // From here on, what the page hears is what copying told it.
    const focusBefore = await page.evaluate(() => {
      ;(window as unknown as { __heard: unknown[] }).__heard = []
      return document.activeElement?.nodeName
    })

    // The agent clicks "Copy ID" (already focused: the click moves no focus).
    // The clipboard is the proof: the buttons' "Copied" lasts 1.5 s, which a loaded machine's polls can miss
    // (LookupCard.test.tsx checks those words on a fake clock).
    await ui.click(`${card} [data-testid="copy-id"]`)
    await expect.poll(() => clipboard(reader), WAIT).toBe(INQUIRY)
    expect(await heard(page)).toEqual([])

    // The agent comes back to the ticket's tab (the card copies only for the tab the agent is in): what
    // the page hears of that is the tab switch, not ours, so the log starts again after it.
    await page.bringToFront()
    await page.evaluate(() => void ((window as unknown as { __heard: unknown[] }).__heard = []))
    // S: the reply for the customer, worded by the background (no ID, no dashboard link in it).
    await page.keyboard.press('s')
    await expect.poll(() => clipboard(reader), WAIT).toBe('Your identity has been verified. There is nothing more you need to do.')
    // Shift+S: the internal note, which names the ID and links the dashboard.
    await page.keyboard.press('Shift+S')
    await expect.poll(async () => (await clipboard(reader)).split('\n')[0], WAIT).toBe(`**Persona inquiry** [\`${INQUIRY}\`](https://app.withpersona.com/dashboard/inquiries/${INQUIRY})`)
    const note = await clipboard(reader)
    expect(note).toContain('- Outcome: approved')
    expect(note).not.toContain('HIJACKED')

    // The page heard nothing, holds no selection of ours, and its focus did not move.
    expect(await heard(page)).toEqual([])
    expect(await page.evaluate(() => String(getSelection()))).toBe('')
    expect(await page.evaluate(() => document.activeElement?.nodeName)).toBe(focusBefore)
    expect(await ui.focused()).toMatchObject({ testId: 'copy-id', inCard: true })
  })
})
