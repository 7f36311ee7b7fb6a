/**
 * The store screenshots (1280×800, what the Chrome Web Store, Edge Add-ons and addons.mozilla.org
 * accept), taken from the real extension in Chromium on the demo relay's data, and saved to
 * test/artifacts/store/. Each one is taken only once what it is meant to show is on screen.
 * Popup and side panel are Chromium's own views, captured over CDP and placed next to the ticket
 * they belong to in a plain page of the same browser. Once in English (test/artifacts/store/) and
 * once with Chromium in German (test/artifacts/store/de/), for the stores' localized listings.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { attachContentUi, type ContentUi } from '../harness/content-ui.ts'
import { inquiryWithStatus as demoInquiryWithStatus } from '../harness/demo-inquiries.ts'
import { startHelpdeskSession, type HelpdeskSession } from '../harness/helpdesk-session.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { attachToView, openToolbarPopup } from '../harness/toolbar-popup.ts'
import { textSpot } from '../harness/text-spot.ts'
import { WAIT } from '../harness/wait.ts'

declare const chrome: {
  tabs: { query(query: { url: string }): Promise<{ id?: number }[]> }
  action: { getBadgeText(details: { tabId: number }): Promise<string> }
}

const STORE_SIZE = { width: 1280, height: 800 }
const LOCALES = [
  { locale: 'en', dir: 'test/artifacts/store' },
  { locale: 'de', dir: 'test/artifacts/store/de' },
]
let SHOTS: string
/** The extension's word for "approved" in the browser's language (its messages.json). */
let approvedWord: string
const TICKET_PATH = '/agent/tickets/5102'

// The demo upstream's well-known approved inquiry and its approval event; the declined inquiry and
// the one in review are asked from the relay, so the ticket shows four colours.
const APPROVED = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const EVENT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'

/** Generated pages of the helpdesk server, read per request: the ticket is written once the IDs are known. */
const pages: Record<string, string> = {}
let session: HelpdeskSession
let ticketIds: string[]

const inquiryWithStatus = (status: string) => demoInquiryWithStatus(session.stack.relay.url, status, session.agentToken)

// --- Helpers -----------------------------------------------------------------------------------

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer) {
  if (png.toString('latin1', 1, 4) !== 'PNG' || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`

/** Lays `html` out at store size in a page of the same browser and saves its screenshot as `name`. */
async function compose(name: string, html: string): Promise<Buffer> {
  const page = await session.browser.context.newPage()
  try {
    await page.setViewportSize(STORE_SIZE)
    await page.setContent(
      `<!doctype html><html><body style="margin:0;width:${STORE_SIZE.width}px;height:${STORE_SIZE.height}px;overflow:hidden;position:relative;background:#fff">${html}</body></html>`,
    )
    await page.evaluate(() => Promise.all(Array.from(document.images, (img) => img.decode())))
    return await page.screenshot({ path: join(SHOTS, name) })
  } finally {
    await page.close()
  }
}

/** How many marks each status colour has (card and list; the page's marks all look alike), from the content script's world. */
const highlightSizes = (ui: ContentUi) => ui.evaluate<Record<string, number>>('globalThis.__idvLens.inline.markTones()')

/** Opens the ticket at `width`×800 and waits until every ID on it is marked and its status known. */
async function openTicket(width = STORE_SIZE.width): Promise<{ page: Page; ui: ContentUi; tabId: number }> {
  const page = await session.browser.context.newPage()
  await page.setViewportSize({ width, height: STORE_SIZE.height })
  const ui = await attachContentUi(page)
  await page.goto(session.server.url('acme.zendesk.com', TICKET_PATH))
  const tabId = await session.browser.background.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, page.url())
  if (tabId === undefined) throw new Error('The ticket tab is not visible to the extension')
  await expect
    .poll(() => session.browser.background.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId), WAIT)
    .toBe(String(ticketIds.length))
  // Every ID's status is known (none pending): approved, declined and in review, each shown in the card and list.
  await expect
    .poll(() => highlightSizes(ui), WAIT)
    .toSatisfy((s: Record<string, number>) => s.pending === 0 && (s.good ?? 0) >= 1 && (s.bad ?? 0) >= 1 && (s.warn ?? 0) >= 1)
  return { page, ui, tabId }
}

// --- Screenshots -------------------------------------------------------------------------------

describe.each(LOCALES)('store screenshots ($locale)', ({ locale, dir }) => {
  beforeAll(async () => {
    // A screen as big as a desktop's: Chromium fits a toolbar popup on the screen (headless: 800×600).
    session = await startHelpdeskSession({ agent: 'own', pages, args: ['--screen-info={1600x1000}'], locale })
    SHOTS = join(REPO_ROOT, dir)
    const messages = JSON.parse(await readFile(join(REPO_ROOT, `extension/public/_locales/${locale}/messages.json`), 'utf8')) as Record<
      string,
      { message: string }
    >
    approvedWord = messages.value_approved!.message
    const [declined, review] = await Promise.all([inquiryWithStatus('declined'), inquiryWithStatus('needs_review')])
    const template = await readFile(join(REPO_ROOT, 'test/fixtures/helpdesk/store-ticket.html'), 'utf8')
    const filled = { APPROVED, DECLINED: declined, EVENT, REVIEW: review }
    pages[TICKET_PATH] = template.replace(/\{\{(\w+)\}\}/g, (_, key: keyof typeof filled) => filled[key])
    ticketIds = [APPROVED, declined, EVENT, review]
    await mkdir(SHOTS, { recursive: true })
  })

  afterAll(async () => {
    await session?.stop()
  })

  it('should show a ticket with its IDs marked and the status card open', async () => {
    const { page, ui } = await openTicket()
    try {
      await ui.hover(() => textSpot(page, APPROVED))
      const card = `[data-testid="card"][data-id="${APPROVED}"]`
      await ui.waitFor(`${card} [data-testid="card-fields"]`)
      expect((await ui.find(`${card} [data-testid="status"]`))?.text).toBe(approvedWord)
      expect((await ui.find(`${card} [data-testid="reference"]`))?.text).toBe('abc-123')
      // The whole card is inside the shot.
      const { box } = (await ui.find(card))!
      expect(
        box.x >= 0 && box.y >= 0 && box.x + box.width <= STORE_SIZE.width && box.y + box.height <= STORE_SIZE.height,
        'the card is cut off',
      ).toBe(true)

      const shot = await page.screenshot({ path: join(SHOTS, '1-ticket-hover-card.png') })
      expect(pngSize(shot)).toEqual(STORE_SIZE)
    } finally {
      await page.close()
    }
  })

  it('should show the toolbar popup over the ticket: the IDs on this page and the newest sessions', async () => {
    const { page } = await openTicket()
    try {
      const ticket = await page.screenshot()
      await page.bringToFront()
      const popup = await openToolbarPopup(session.browser)
      try {
        const listed = () => popup.evaluate<string[]>(`[...document.querySelectorAll('[data-testid="page-id"]')].map((e) => e.dataset.id)`)
        await expect.poll(listed, WAIT).toEqual(ticketIds)
        // The newest sessions, each with its status, are painted.
        await expect
          .poll(() => popup.evaluate<number>(`document.querySelectorAll('[data-testid="row"] [data-testid="status"]').length`), WAIT)
          .toBeGreaterThanOrEqual(5)
        // Chrome sizes a popup to its document (up to 800×600): the whole popup is in the shot, no scrolling.
        const popupShot = await popup.screenshot()
        const documentSize = await popup.evaluate<{ width: number; height: number }>(
          `({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight })`,
        )
        const popupSize = pngSize(popupShot)
        expect(popupSize.width).toBeGreaterThanOrEqual(documentSize.width)
        expect(popupSize.height).toBeGreaterThanOrEqual(documentSize.height - 1)
        expect(popupSize.height).toBeLessThanOrEqual(600)

        const shot = await compose(
          '2-popup-lists.png',
          `<img src="${dataUrl(ticket)}" style="position:absolute;inset:0">` +
            `<div style="position:absolute;inset:0;background:rgba(0,0,0,.12)"></div>` +
            `<img src="${dataUrl(popupShot)}" style="position:absolute;top:8px;right:16px;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.35)">`,
        )
        expect(pngSize(shot)).toEqual(STORE_SIZE)
      } finally {
        await popup.detach()
      }
    } finally {
      await page.close()
    }
  })

  it("should show the side panel with an inquiry's detail next to the ticket", async () => {
    const { page } = await openTicket()
    try {
      await page.bringToFront()
      // The agent's path: the popup's "On this page" row opens the detail in the side panel.
      const popup = await openToolbarPopup(session.browser)
      try {
        await expect
          .poll(() => popup.evaluate<number>(`document.querySelectorAll('[data-testid="page-id"]').length`), WAIT)
          .toBe(ticketIds.length)
        await popup.evaluate(`document.querySelector('[data-testid="page-id"][data-id="${APPROVED}"] button').click()`)
      } finally {
        await popup.detach()
      }
      const panel = await attachToView(session.browser, session.browser.pageUrl('sidepanel.html'))
      try {
        const detail = (selector: string) =>
          panel.evaluate<string | null>(
            `document.querySelector('[data-testid="detail"][data-id="${APPROVED}"] ${selector}')?.textContent ?? null`,
          )
        await expect.poll(() => detail('[data-testid="detail-id"]'), WAIT).toBe(APPROVED)
        await expect.poll(() => detail('[data-testid="detail-summary"] [data-testid="status"]'), WAIT).toBe(approvedWord)
        // Its sessions and event timeline have arrived, not skeletons.
        await expect
          .poll(() => panel.evaluate<number>(`document.querySelectorAll('[data-testid="detail"] [data-testid="session"]').length`), WAIT)
          .toBeGreaterThan(0)
        await expect
          .poll(
            () => panel.evaluate<number>(`document.querySelectorAll('[data-testid="detail"] [data-testid="timeline-event"]').length`),
            WAIT,
          )
          .toBeGreaterThan(0)
        // The shot of the panel: the same page in a tab as wide as Chrome opens the panel by default and
        // as tall as the shot (a side panel view laid out at another size over CDP paints tiled), on the
        // same detail, reached as the agent would from its lookup box.
        const panelWidth = 400
        const panelPage = await session.browser.context.newPage()
        let panelShot: Buffer
        try {
          await panelPage.setViewportSize({ width: panelWidth, height: STORE_SIZE.height })
          await panelPage.goto(session.browser.pageUrl('sidepanel.html'))
          await panelPage.getByTestId('lookup-input').fill(APPROVED)
          await panelPage.getByTestId('lookup-submit').click()
          const shown = panelPage.locator(`[data-testid="detail"][data-id="${APPROVED}"]`)
          await expect.poll(() => shown.getByTestId('detail-summary').getByTestId('status').textContent(), WAIT).toBe(approvedWord)
          await expect.poll(() => shown.getByTestId('session').count(), WAIT).toBeGreaterThan(0)
          await expect.poll(() => shown.getByTestId('timeline-event').count(), WAIT).toBeGreaterThan(0)
          // Nothing wider than the panel: no sideways scrolling in the shot.
          const tooWide = await panelPage.evaluate((width) => {
            const leaves = [...document.querySelectorAll('body *')].filter(
              (e) =>
                e.getBoundingClientRect().right > width + 0.5 &&
                ![...e.children].some((c) => c.getBoundingClientRect().right > width + 0.5),
            )
            return leaves.map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.textContent ?? '').slice(0, 40)}"`)
          }, panelWidth)
          expect(tooWide, "elements past the panel's right edge").toEqual([])
          panelShot = await panelPage.screenshot()
        } finally {
          await panelPage.close()
        }
        expect(pngSize(panelShot)).toEqual({ width: panelWidth, height: STORE_SIZE.height })

        // The ticket as it looks beside the panel: the same page, narrower.
        await page.setViewportSize({ width: STORE_SIZE.width - panelWidth, height: STORE_SIZE.height })
        const ticket = await page.screenshot()
        const shot = await compose(
          '3-side-panel-detail.png',
          `<img src="${dataUrl(ticket)}" style="position:absolute;left:0;top:0">` +
            `<img src="${dataUrl(panelShot)}" style="position:absolute;right:0;top:0;box-shadow:-1px 0 0 #c7c7c7">`,
        )
        expect(pngSize(shot)).toEqual(STORE_SIZE)
      } finally {
        await panel.detach()
      }
    } finally {
      await page.close()
    }
  })
})
