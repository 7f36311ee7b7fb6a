/**
 * The popup's first paint of its Inquiries tab from the kept first screen (the extension origin's localStorage), in real
 * Chromium (development build, the run's shared relay as an agent of its own): after a browser restart with storage.session empty,
 * the rows are drawn while the page still parses (readyState 'loading'), which no machine's speed changes;
 * and a relay or token changed with no extension page open leaves nothing for the next popup to draw.
 * Every wait is for a condition, bounded by a timeout; nothing sleeps.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { EXTENSION_DIR } from '../harness/helpdesk-session.ts'
import { sharedStack } from '../harness/shared-stack.ts'
import { WAIT } from '../harness/wait.ts'
import { FIRST_PAINT_STORAGE_KEY } from '../../extension/src/lib/first-paint-key.ts'

const POPUP_VIEWPORT = { width: 400, height: 600 }

/** The service worker's storage API (run there; typed here for the checker). */
declare const chrome: { storage: { session: { clear(): Promise<void> } } }

const { stack, agentToken } = sharedStack('popup-first-paint')
const relay = stack.relay
let profile: string
let browser: ExtensionBrowser
const pageErrors: string[] = []

const launch = () => launchWithExtension({ extensionDir: EXTENSION_DIR, userDataDir: profile })

beforeAll(async () => {
  profile = await mkdtemp(join(tmpdir(), 'idv-lens-first-paint-'))
  browser = await launch()
  await browser.setSettings({ workerUrl: relay.url, agentToken })
})

afterAll(async () => {
  await browser?.close()
  if (profile) await rm(profile, { recursive: true, force: true })
})

afterEach(() => {
  expect(pageErrors.splice(0), 'errors in the extension pages').toEqual([])
})

type FirstRows = { ids: string[]; tabs: string[]; readyState: DocumentReadyState } | null

/** Opens popup.html, recording from before any of its scripts the first rows #first-paint held, and the parser's state then. */
async function openPopup(): Promise<Page> {
  const page = await browser.context.newPage()
  page.on('pageerror', (error) => pageErrors.push(`popup.html: ${error.message}`))
  await page.setViewportSize(POPUP_VIEWPORT)
  await page.addInitScript(() => {
    const w = window as unknown as { __firstPaintRows: FirstRows }
    w.__firstPaintRows = null
    const observer = new MutationObserver(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('#first-paint [data-testid="row"]')]
      if (rows.length === 0) return
      const tabs = [...document.querySelectorAll('#first-paint [role="tab"]')].map((tab) => tab.textContent ?? '')
      w.__firstPaintRows = { ids: rows.map((row) => row.dataset.id ?? ''), tabs, readyState: document.readyState }
      observer.disconnect()
    })
    observer.observe(document, { childList: true, subtree: true })
  })
  await page.goto(browser.pageUrl('popup.html'))
  return page
}

const appRows = (page: Page) =>
  page
    .locator('#app:not([hidden]) [data-testid="panel-inquiries"] [data-testid="row"]')
    .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.id))
/** The app's tab names, without the counts beside them ("3 new"). */
const appTabs = (page: Page) =>
  page.locator('#app:not([hidden]) [role="tab"]').evaluateAll((tabs) => tabs.map((tab) => tab.firstChild?.textContent ?? ''))
const firstPaintRows = (page: Page) => page.evaluate(() => (window as unknown as { __firstPaintRows: FirstRows }).__firstPaintRows)

/**
 * What the extension's origin holds kept, read in a document of that origin that runs none of its
 * code (the toolbar icon): an extension page would itself forget it when the relay refuses the agent.
 */
async function keptScreen(): Promise<string | null> {
  const page = await browser.context.newPage()
  try {
    await page.goto(browser.pageUrl('icons/16.png'))
    return await page.evaluate((key) => localStorage.getItem(key), FIRST_PAINT_STORAGE_KEY)
  } finally {
    await page.close()
  }
}

describe('popup first paint', () => {
  it('should draw the rows it kept while the page is still parsing, on the first open after a browser restart', async () => {
    const first = await openPopup()
    await expect.poll(() => appRows(first), WAIT).toHaveLength(10)
    const expected = await appRows(first)
    const tabs = await appTabs(first)
    expect(tabs.length).toBeGreaterThan(1)
    // The app's rows name the customer's reference ID; the copy on disk holds only ID, status and age.
    expect(await first.locator('#app [data-testid="panel-inquiries"] [data-testid="reference-id"]').count()).toBeGreaterThan(0)
    await first.close()
    const kept = JSON.parse((await keptScreen()) ?? 'null') as { items: { id: string; attributes: object }[] }
    expect(kept.items.map((item) => item.id)).toEqual(expected)
    for (const item of kept.items) expect(Object.keys(item.attributes).sort()).toEqual(['created-at', 'status'])
    expect(JSON.stringify(kept)).not.toMatch(/reference|name|email|address/i)

    await browser.close()
    browser = await launch()
    // What a browser start leaves in storage.session is nothing; the background's warm-up has
    // refilled it by now (launchWithExtension waits for that): emptied, so only the kept screen can paint.
    await browser.background.evaluate(() => chrome.storage.session.clear())
    const popup = await openPopup()
    await expect.poll(() => appRows(popup), WAIT).toEqual(expected)
    // The tabs as the app names them, from the names kept with the rows: the first paint loads no registry.
    expect(await firstPaintRows(popup)).toEqual({ ids: expected, tabs, readyState: 'loading' })
    // The app took over: the picture is gone.
    expect(await popup.locator('#first-paint').count()).toBe(0)
    await popup.close()
  })

  it('should keep nothing for the next popup once the token changes with no extension page open', async () => {
    const first = await openPopup()
    await expect.poll(() => appRows(first), WAIT).toHaveLength(10)
    await first.close()
    expect(JSON.parse((await keptScreen()) ?? 'null')).toMatchObject({ relay: relay.url })

    // As a policy push does: written from the background, no page open to hear it.
    await browser.setSettings({ workerUrl: relay.url, agentToken: 'not-the-agents-token' })
    await expect.poll(keptScreen, WAIT).toBeNull()
    const popup = await openPopup()
    // The relay refuses that token: the app says so, and no frame before it drew the old rows.
    await popup.getByTestId('error-unauthorized').first().waitFor(WAIT)
    expect(await firstPaintRows(popup)).toBeNull()
    await popup.close()
    await browser.setSettings({ workerUrl: relay.url, agentToken })
  })
})
