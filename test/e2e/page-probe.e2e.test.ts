/**
 * What a page script observes of the extension while the agent hovers IDs, opens their cards, copies
 * and closes them, in real Chromium with the built extension and the run's shared relay. The page's
 * probe (fixtures/helpdesk/page-probe.js) runs in the page's own world and logs every event, DOM
 * change, resize, intersection and resource it can, and reads focus, selection, scroll, globals,
 * style rules and our hosts. No sleeps: every wait is for a condition, with a bounded timeout.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { attachContentUi, type ContentUi } from '../harness/content-ui.ts'
import { inquiryWithStatus } from '../harness/demo-inquiries.ts'
import type { ExtensionBrowser } from '../harness/browser.ts'
import { shareHelpdeskSession } from '../harness/helpdesk-session.ts'
import type { SharedStackAddress } from '../harness/shared-stack.ts'
import type { HelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import { lookupState } from '../harness/status-page.ts'
import { textSpot } from '../harness/text-spot.ts'
import { WAIT } from '../harness/wait.ts'

const PROBE = readFileSync(new URL('../fixtures/helpdesk/page-probe.js', import.meta.url), 'utf8')
const APPROVED = 'inq_zEx4jL84ShbUyuwX6AzPSqt6' // approved in the demo upstream
const PATH = '/agent/tickets/8310'

let stack: SharedStackAddress
let server: HelpdeskServer
let browser: ExtensionBrowser
let agentToken: string
const pages: Record<string, string> = {}
shareHelpdeskSession((session) => ({ stack, server, browser, agentToken } = session), { agent: 'page-probe', pages })

/** A ticket with two IDs and a reply box (an editable element, as helpdesks' are) holding the agent's cursor. */
const ticket = (declined: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket 8310</title>
<script>${PROBE}</script>
<style>body { font: 14px/1.5 system-ui, sans-serif; margin: 24px } #thread { height: 300px; overflow: auto }</style></head>
<body><main><h1>Ticket 8310</h1><div id="thread">
<p>Verified as ${APPROVED} last week.</p><p>The new attempt is ${declined}, please look.</p>
<p>Dashboard: <a id="link" href="#attempt">${declined}</a></p>
<p style="margin-top: 600px">Older messages.</p></div>
<div id="reply" contenteditable="true" style="border: 1px solid #999; min-height: 3em">Draft reply</div></main></body></html>`

type Snapshot = Record<string, unknown>
/** Where the agent's cursor is in the reply box: at the end of "Draft reply". */
const REPLY_CURSOR = 'Draft reply'.length
/** What the page hears when the agent clicks into our card from its reply box, and when the card gives focus back. */
const FOCUS_TO_OURS = ['blur on DIV', 'focusout on DIV', 'focus on IDV-LENS-UI', 'focusin on IDV-LENS-UI'].map((e) => `event ${e}`)
const FOCUS_BACK = ['blur on IDV-LENS-UI', 'focusout on IDV-LENS-UI', 'focus on DIV', 'focusin on DIV'].map((e) => `event ${e}`)
/** The probe's lines logged in `phase`, without it. */
const logOf = (log: string[], phase: string) =>
  log.filter((line) => line.startsWith(`${phase} `)).map((line) => line.slice(phase.length + 1))
const snapshot = (page: Page) => page.evaluate(() => (window as unknown as { __probe: { snapshot(): Snapshot } }).__probe.snapshot())
const probeLog = (page: Page) => page.evaluate(() => (window as unknown as { __probe: { log(): string[] } }).__probe.log())
const phase = (page: Page, name: string) =>
  page.evaluate((n) => (window as unknown as { __probe: { phase(n: string): void } }).__probe.phase(n), name)

/** Hovers `id` and waits for its answered card. */
async function hoverCard(page: Page, ui: ContentUi, id: string) {
  await ui.hover(() => textSpot(page, id))
  await ui.waitFor(`[data-testid="card"][data-id="${id}"] [data-testid="copy-summary"]:not([aria-disabled="true"])`)
}

/** The ticket with the agent's cursor at the end of its reply box, once both IDs are marked and answered. */
async function openTicket() {
  const declined = await inquiryWithStatus(stack.relay.url, 'declined', agentToken)
  pages[PATH] = ticket(declined)
  const page = await browser.context.newPage()
  const ui = await attachContentUi(page)
  await page.goto(`${server.url('acme.zendesk.com', PATH)}?ext=${browser.extensionId}`)
  await page.evaluate(() => {
    const reply = document.getElementById('reply')!
    reply.focus()
    getSelection()!.collapse(reply.firstChild, reply.textContent!.length)
  })
  await ui.waitFor('[data-testid="launcher"]')
  for (const id of [APPROVED, declined]) await expect.poll(() => lookupState(ui, id), WAIT).toBe('found')
  await expect.poll(async () => (await ui.markBoxes()).length, WAIT).toBe(3)
  await page.evaluate(nextFrames)
  return { page, ui, declined }
}

const nextFrames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))

/** A keyboard command in the page's tab, as the background's listener runs it (headless Chrome presses no command keys). */
async function runCommand(page: Page, command: string): Promise<boolean> {
  await page.bringToFront()
  return browser.background.evaluate(
    async ({ command, url }) => {
      type Tab = { id?: number; url?: string }
      const g = globalThis as unknown as {
        chrome: { tabs: { query(q: object): Promise<Tab[]> } }
        __idvLens: { command(command: string, tab: Tab | undefined): Promise<boolean> }
      }
      const tab = (await g.chrome.tabs.query({ active: true })).find((t) => t.url === url)
      return g.__idvLens.command(command, tab)
    },
    { command, url: page.url() },
  )
}
const showPageIds = (page: Page) => runCommand(page, 'show-page-ids')

/**
 * The agent reads on: the thread (the page's scrolling pane, as a helpdesk's conversation is)
 * scrolled to its end, both IDs above its top edge. Resolves once the page heard the scroll.
 */
async function scrollThreadPastIds(page: Page) {
  await phase(page, 'reading')
  await page.evaluate(() => {
    const thread = document.getElementById('thread')!
    thread.scrollTop = thread.scrollHeight
  })
  await expect.poll(async () => logOf(await probeLog(page), 'reading'), WAIT).toContain('event scrollend on DIV')
  const idsAboveThread = await page.evaluate(() => {
    const top = document.getElementById('thread')!.getBoundingClientRect().top
    return [...document.querySelectorAll('#thread p')].slice(0, 3).every((p) => p.getBoundingClientRect().bottom <= top)
  })
  expect(idsAboveThread).toBe(true)
}

/** Whether our element's box lies wholly inside the page's viewport. */
const onScreen = (page: Page, el: { box: { x: number; y: number; width: number; height: number } } | null) =>
  page.evaluate(
    (b) => b !== null && b.width > 0 && b.x >= 0 && b.y >= 0 && b.x + b.width <= innerWidth && b.y + b.height <= innerHeight,
    el?.box ?? null,
  )

describe('a page script watching the agent use the card', () => {
  it('observes nothing of ours while the agent hovers, opens, copies and closes cards', async () => {
    const { page, ui, declined } = await openTicket()

    const before = await snapshot(page)
    expect(before).toMatchObject({ activeElement: 'DIV', selection: ['', 1, '#text', REPLY_CURSOR, 'Caret'], scroll: [0, 0, 0] })
    expect(before).toMatchObject({ globals: [], highlights: 0, fonts: 0, rootAttrs: ['lang=en'] })
    // Our two hosts: empty, closed, zero-sized, in the top layer; nothing else of ours in the page.
    expect(
      (before.hosts as { html: string; shadowRoot: null; rect: string; text: string }[]).map((h) => [h.html, h.shadowRoot, h.text]),
    ).toEqual([
      ['<idv-lens-ui popover="manual"></idv-lens-ui>', null, ''],
      ['<idv-lens-marks popover="manual"></idv-lens-marks>', null, ''],
    ])

    // Hovering the approved ID's card: the page observes nothing, and reads what it read before.
    await phase(page, 'hover')
    await hoverCard(page, ui, APPROVED)
    expect(await snapshot(page)).toEqual(before)
    expect(logOf(await probeLog(page), 'hover')).toEqual([])

    // A click on "Copy ID": the page sees its reply box lose focus to our host, as with any click
    // elsewhere, and nothing else (no copy, selection or scroll of its own).
    await phase(page, 'copy')
    await ui.click(`[data-testid="card"][data-id="${APPROVED}"] [data-testid="copy-id"]`)
    await ui.waitFor(`[data-testid="card"][data-id="${APPROVED}"][data-copy^="1 "]`)
    expect(logOf(await probeLog(page), 'copy')).toEqual(FOCUS_TO_OURS)
    expect(await snapshot(page)).toMatchObject({ ...before, activeElement: 'IDV-LENS-UI', hosts: expect.any(Array) })

    // The card closes as the pointer leaves: focus goes back to the reply box, where the agent pastes.
    await phase(page, 'close')
    await page.mouse.move(600, 580)
    await ui.waitFor('[data-testid="card"]', { state: 'detached' })
    await expect.poll(async () => (await snapshot(page)).activeElement, WAIT).toBe('DIV')
    expect(await snapshot(page)).toEqual(before)
    expect(logOf(await probeLog(page), 'close')).toEqual(FOCUS_BACK)

    // The declined ID's card, hovered and left: to the page, the same nothing as the approved one's.
    await phase(page, 'declined')
    await hoverCard(page, ui, declined)
    expect(await snapshot(page)).toEqual(before)
    await page.mouse.move(600, 580)
    await ui.waitFor('[data-testid="card"]', { state: 'detached' })
    expect(await snapshot(page)).toEqual(before)
    expect(logOf(await probeLog(page), 'declined')).toEqual([])
    // No event of ours under our extension's name, at any time, and no resource loaded for us.
    expect((await probeLog(page)).filter((line) => / EXT:|resource (?!https:\/\/acme\.zendesk\.com\/favicon)/.test(line))).toEqual([])
    await page.close()
  })

  it('gives focus back to the page element it came from on Esc, opening no card there', async () => {
    const { page, ui, declined } = await openTicket()
    // The agent tabs back from the reply box onto the dashboard link: its card opens, focus stays on the link.
    await page.keyboard.press('Shift+Tab')
    expect((await snapshot(page)).activeElement).toBe('A')
    await ui.waitFor(`[data-testid="card"][data-id="${declined}"] [data-testid="copy-id"]`)
    // "Copy ID" clicked takes focus into the card, the arrow key moves it on (keyboard focus, shown); Esc closes the card.
    await ui.click(`[data-testid="card"][data-id="${declined}"] [data-testid="copy-id"]`)
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'copy-id', inCard: true })
    await page.keyboard.press('ArrowRight')
    await expect.poll(async () => (await ui.focused())?.testId, WAIT).not.toBe('copy-id')
    await phase(page, 'escape')
    await page.keyboard.press('Escape')
    await ui.waitFor('[data-testid="card"]', { state: 'detached' })
    // Focus is back on the link, as the page had it, and no card opened for it again.
    await expect.poll(async () => (await snapshot(page)).activeElement, WAIT).toBe('A')
    await page.evaluate(nextFrames)
    expect(await ui.evaluate('globalThis.__idvLens.inline.stats().cardComing')).toBe(false)
    expect(logOf(await probeLog(page), 'escape')).toEqual(FOCUS_BACK.map((line) => line.replace(' DIV', ' A')))
    await page.close()
  })

  it('moves focus into the open card on the keyboard command, and back to the link on Esc', async () => {
    const { page, ui, declined } = await openTicket()
    await page.keyboard.press('Shift+Tab')
    await ui.waitFor(`[data-testid="card"][data-id="${declined}"] [data-testid="copy-id"]`)
    // The command on the link's open card: focus goes into it, on its first control.
    await phase(page, 'command')
    expect(await showPageIds(page)).toBe(true)
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'copy-id', inCard: true })
    // Esc: the card closes and the link has focus again, with no card of its own coming.
    await page.keyboard.press('Escape')
    await ui.waitFor('[data-testid="card"]', { state: 'detached' })
    await expect.poll(async () => (await snapshot(page)).activeElement, WAIT).toBe('A')
    await page.evaluate(nextFrames)
    expect(await ui.evaluate('globalThis.__idvLens.inline.stats().cardComing')).toBe(false)
    expect(logOf(await probeLog(page), 'command')).toEqual([...FOCUS_TO_OURS, ...FOCUS_BACK].map((line) => line.replace(' DIV', ' A')))
    await page.close()
  })

  it('keeps the page where the agent reads when a command reopens the last card, its ID scrolled out of view', async () => {
    const { page, ui } = await openTicket()
    // The approved ID's card, hovered and left: the last card, which the copy commands open again.
    await hoverCard(page, ui, APPROVED)
    await page.mouse.move(600, 580)
    await ui.waitFor('[data-testid="card"]', { state: 'detached' })
    await scrollThreadPastIds(page)
    const before = await snapshot(page)

    // Alt+Shift+S with no card open: the last card opens on screen and copies; the page hears nothing, its thread stays put.
    await phase(page, 'copy-reply')
    expect(await runCommand(page, 'copy-reply')).toBe(true)
    const card = await ui.waitFor(`[data-testid="card"][data-id="${APPROVED}"][data-copy^="1 "]`)
    expect(await onScreen(page, card)).toBe(true)
    await page.evaluate(nextFrames)
    expect(logOf(await probeLog(page), 'copy-reply')).toEqual([])
    expect(await snapshot(page)).toEqual(before)
    // The card waits at the thread's top edge; the agent scrolls back up, and it comes to its ID's text, below it.
    const threadTop = await page.evaluate(() => document.getElementById('thread')!.getBoundingClientRect().top)
    expect(card!.box.y).toBeGreaterThanOrEqual(threadTop)
    await page.evaluate(() => void (document.getElementById('thread')!.scrollTop = 0))
    const text = (await textSpot(page, APPROVED)).box
    await expect
      .poll(async () => (await ui.find('[data-testid="card"]'))!.box.y - text.bottom, WAIT)
      .toSatisfy((gap: number) => gap > 0 && gap < 12)
    await page.close()
  })

  it('keeps the page where the agent reads when the command opens the list, its first ID scrolled out of view', async () => {
    const { page, ui } = await openTicket()
    await scrollThreadPastIds(page)
    const before = await snapshot(page)

    // The list command: focus moves into the list (as the page sees any focus leave it), and nothing else happens to the page.
    await phase(page, 'list')
    expect(await showPageIds(page)).toBe(true)
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'id-row', id: APPROVED })
    // The row's card, previewed where the agent sees it.
    expect(await onScreen(page, await ui.waitFor(`[data-testid="card"][data-id="${APPROVED}"]`))).toBe(true)
    await page.evaluate(nextFrames)
    expect(logOf(await probeLog(page), 'list')).toEqual(FOCUS_TO_OURS)
    expect(await snapshot(page)).toMatchObject({ ...before, activeElement: 'IDV-LENS-UI', hosts: expect.any(Array) })
    await page.close()
  })
})
