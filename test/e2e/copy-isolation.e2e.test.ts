/**
 * The card's copies (Copy ID, S, Shift+S, the browser commands) as hostile helpdesk pages observe them (real Chromium, wrangler dev, the
 * demo upstream). One page refuses itself the clipboard, logs every copy, selection and focus event and rewrites any copy: the copies
 * land as asked, the page hears nothing. One writes its own text over any other it reads there: the copy ends as ours or the card warns.
 * Headless Chromium cannot press commands: the test calls what the background's command listener calls (its test hook). The clipboard
 * is read from a page of another site (CDP grants no permission to an extension's origin). The agent has turned the copy check on
 * (clipboardRead, optional: the harness grants it as an accepted prompt would; copy-check.e2e.test.ts has it off).
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { ExtensionBrowser } from '../harness/browser.ts'
import { attachContentUi } from '../harness/content-ui.ts'
import { shareHelpdeskSession } from '../harness/helpdesk-session.ts'
import type { HelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import { WAIT } from '../harness/wait.ts'

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6' // approved in the demo upstream
const TICKET = '/agent/tickets/9147'
/** What the agent had on the clipboard before: a copy that fails must leave it there. */
const BEFORE = 'what the agent copied before'

/** Every event a page hears about a copy, a selection or focus. */
const WATCHED_EVENTS = [
  'beforecopy',
  'copy',
  'beforecut',
  'cut',
  'paste',
  'selectstart',
  'selectionchange',
  'focusin',
  'focusout',
  'focus',
  'blur',
]

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

/** The text the planting page puts on the clipboard over anything else it finds there. */
const PLANTED = 'Dear customer, please send your password to verify@example.test'
const PLANTING_TICKET = '/agent/tickets/9148'
/** The keys, clicks and copy events a page hears, in the capture phase on window. */
const INPUT_EVENTS = ['keydown', 'keypress', 'keyup', 'mousedown', 'mouseup', 'click', 'beforecopy', 'copy']

/**
 * The planting ticket: the same ID, a log of the input it hears, and a loop that reads the clipboard
 * (the test grants this origin clipboard-read and clipboard-write) and writes its own text over any
 * other: as soon as our copy lands, whatever path it took. It counts its plants.
 */
const plantingTicket = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket 9148</title>
<script>
  window.__heard = []
  window.__plants = 0
  for (const type of ${JSON.stringify(INPUT_EVENTS)}) addEventListener(type, (e) => window.__heard.push(e.type + ' ' + (e.key ?? '')), true)
  const plant = async () => {
    try {
      const now = await navigator.clipboard.readText()
      if (now !== ${JSON.stringify(PLANTED)} && now !== '') {
        await navigator.clipboard.writeText(${JSON.stringify(PLANTED)})
        window.__plants++
      }
    } catch {}
    setTimeout(plant, 10)
  }
  plant()
</script></head>
<body><main id="conversation"><h1>Ticket 9148</h1><p>The customer's reference is ${INQUIRY}, please check it.</p></main></body></html>`

let server: HelpdeskServer
let browser: ExtensionBrowser
shareHelpdeskSession((session) => ({ server, browser } = session), {
  agent: 'copy-isolation',
  grant: ['clipboardRead'],
  pages: { [TICKET]: { body: hostileTicket, headers: { 'permissions-policy': 'clipboard-write=()' } }, [PLANTING_TICKET]: plantingTicket },
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

/** What the background's keyboard-command listener does for `command` in the page's tab (its test hook). */
async function runCommand(page: Page, command: string): Promise<boolean> {
  await page.bringToFront()
  return browser.background.evaluate(
    async ({ command, url }) => {
      const tabs = await (
        globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }
      ).chrome.tabs.query({ active: true })
      const tab = tabs.find((t) => t.url === url)
      const hooks = (globalThis as unknown as { __idvLens?: { command?: (c: string, t: { id?: number } | undefined) => Promise<boolean> } })
        .__idvLens
      if (!hooks?.command) throw new Error('no command hook in the background')
      return hooks.command(command, tab)
    },
    { command, url: page.url() },
  )
}

/** The customer reply for the approved demo inquiry. */
const REPLY = 'Your identity has been verified. There is nothing more you need to do.'

/** The ticket's card opened from the keyboard (the launcher, the list's row, Enter into the card), its ID found. */
async function openCard(page: Page, ui: Awaited<ReturnType<typeof attachContentUi>>, at: string) {
  await page.goto(server.url('acme.zendesk.com', at))
  await ui.waitFor('[data-testid="launcher"]')
  await page.keyboard.press('Shift+Tab')
  await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'launcher' })
  await page.keyboard.press('Enter')
  await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'id-row', id: INQUIRY })
  await ui.waitFor(`[data-testid="card"][data-id="${INQUIRY}"] [data-testid="copy-summary"]:not([aria-disabled="true"])`)
  await page.keyboard.press('Enter')
  await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'copy-id', inCard: true })
}
const heard = (page: Page) => page.evaluate(() => (window as unknown as { __heard: unknown[] }).__heard)

describe('copying from the card on a page that wants the copy', () => {
  it('lands what the agent asked for, and the page hears no copy, selection or focus event', async () => {
    const checkOn = () =>
      (globalThis as unknown as { chrome: { permissions: { contains(p: object): Promise<boolean> } } }).chrome.permissions.contains({
        permissions: ['clipboardRead'],
      })
    expect(await browser.background.evaluate(checkOn)).toBe(true)
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
    await expect
      .poll(async () => (await clipboard(reader)).split('\n')[0], WAIT)
      .toBe(`**Persona inquiry** [\`${INQUIRY}\`](https://app.withpersona.com/dashboard/inquiries/${INQUIRY})`)
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

describe('a burst of copies', () => {
  it('writes the last of the presses, and every press is answered once it has', async () => {
    const reader = await clipboardReader()
    const page = await browser.context.newPage()
    const ui = await attachContentUi(page)
    await openCard(page, ui, TICKET)
    const card = `[data-testid="card"][data-id="${INQUIRY}"]`
    // The card's count of answered copies ("3 copied"): a press a newer one took over is answered too.
    const answered = async () => Number((await ui.find(card))?.attrs['data-copy']?.split(' ')[0] ?? 0)
    const before = await answered()
    await page.bringToFront()
    const presses = ['s', 's', 's', 's', 'Shift+S']
    for (const key of presses) await page.keyboard.press(key)
    const pressed = performance.now()
    await expect.poll(answered, WAIT).toBe(before + presses.length)
    // A figure, not a bound: how long the burst held the clipboard after the last press.
    console.log(`burst of ${presses.length}: all answered ${Math.round(performance.now() - pressed)} ms after the last press`)
    expect((await ui.find(card))!.attrs['data-copy']).toBe(`${before + presses.length} copied`)
    // Nothing of the burst is left to write: the clipboard holds the last press's copy, the note.
    expect((await clipboard(reader)).split('\n')[0]).toBe(
      `**Persona inquiry** [\`${INQUIRY}\`](https://app.withpersona.com/dashboard/inquiries/${INQUIRY})`,
    )
    expect(await heard(page)).not.toContainEqual(expect.objectContaining({ type: 'copy' }))
    await page.close()
    await reader.close()
  })
})

describe('the card commands, and a page that writes over the copy', () => {
  it('should copy through the browser command with the page hearing no key, on the open card or the last one', async () => {
    const reader = await clipboardReader()
    await reader.evaluate((text) => navigator.clipboard.writeText(text), BEFORE)
    const page = await browser.context.newPage()
    const ui = await attachContentUi(page)
    await openCard(page, ui, TICKET)
    // The card closes: the command acts on the last card, which opens again (without taking focus).
    await page.keyboard.press('Escape')
    await ui.waitFor('[data-testid="card"]', { state: 'detached' })
    await page.evaluate(() => void ((window as unknown as { __heard: unknown[] }).__heard = []))

    expect(await runCommand(page, 'copy-note')).toBe(true)
    await ui.waitFor(`[data-testid="card"][data-id="${INQUIRY}"][data-copy="1 copied"]`)
    await expect
      .poll(async () => (await clipboard(reader)).split('\n')[0], WAIT)
      .toBe(`**Persona inquiry** [\`${INQUIRY}\`](https://app.withpersona.com/dashboard/inquiries/${INQUIRY})`)
    expect(await runCommand(page, 'copy-reply')).toBe(true)
    // The copy's outcome comes once it was read back: nothing wrote over it, so no warning.
    await ui.waitFor(`[data-testid="card"][data-copy="2 copied"]`)
    expect(await ui.find('[data-testid="copy-replaced"]')).toBeNull()
    expect(await ui.find('[data-testid="copy-unchecked"]')).toBeNull()
    await expect.poll(() => clipboard(reader), WAIT).toBe(REPLY)
    // The page heard no key, copy, selection or focus event.
    expect(await heard(page)).toEqual([])
  })

  it('should end with our text or warn in the card, when the page writes its own over the copy (S and the command alike)', async () => {
    const page = await browser.context.newPage()
    const ui = await attachContentUi(page)
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(server.url('acme.zendesk.com', PLANTING_TICKET)).origin,
    })
    await openCard(page, ui, PLANTING_TICKET)
    const card = `[data-testid="card"][data-id="${INQUIRY}"]`
    const plants = () => page.evaluate(() => (window as unknown as { __plants: number }).__plants)
    const warned = async () => (await ui.find(`${card} [data-testid="copy-replaced"]`)) !== null

    // S in the card (the case): the page hears the key, and its loop writes over our reply as soon as it lands.
    expect(await warned()).toBe(false)
    const before = await plants()
    await page.keyboard.press('s')
    await expect.poll(plants, WAIT).toBeGreaterThan(before)
    await expect.poll(warned, WAIT).toBe(true)
    expect((await ui.find(`${card} [data-testid="copy-replaced"]`))!.text).toBe(
      'The page changed the clipboard after IDV Lens copied: paste with care',
    )

    // The command, on the card opened again (a new card, no warning yet): the page hears no key, plants again, and the card warns.
    await page.keyboard.press('Escape')
    await ui.waitFor('[data-testid="card"]', { state: 'detached' })
    await page.evaluate(() => void ((window as unknown as { __heard: unknown[] }).__heard = []))
    const again = await plants()
    expect(await runCommand(page, 'copy-reply')).toBe(true)
    await expect.poll(plants, WAIT).toBeGreaterThan(again)
    await expect.poll(warned, WAIT).toBe(true)
    expect((await ui.find(card))!.attrs['data-copy']).toBe('1 replaced')
    expect(await heard(page)).toEqual([])

    // Where the agent pastes: the page's text, which the card warned of.
    const reader = await clipboardReader()
    expect(await clipboard(reader)).toBe(PLANTED)
  })
})
