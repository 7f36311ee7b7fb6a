/**
 * Finding a customer by a reference ID in real Chromium (development build, relay, demo upstream): in the
 * side panel one match opens its detail, several are listed, none says so, an email says which vendors
 * could not be searched by it. The popup (a tab at 400 x 600, Chrome's popup cap) lists matches atop its one scroll box, one match
 * too, since the side panel opens only inside a click; clicking it opens the side panel on its detail.
 * Which references have one or several records is asked of the relay itself over HTTP.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { VENDOR_NAMES } from '@idv-lens/shared/api'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { openSidePanelPage } from '../harness/side-panel-page.ts'
import { demoReferences, searchFor } from '../harness/reference-search.ts'
import { sharedStack } from '../harness/shared-stack.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { attachToView } from '../harness/toolbar-popup.ts'
import { WAIT } from '../harness/wait.ts'

const EXTENSION_DIR = process.env.IDV_LENS_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/chrome-mv3-dev')
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/surfaces')
const POPUP_VIEWPORT = { width: 400, height: 600 }

const { stack, agentToken } = sharedStack('reference-search')
let browser: ExtensionBrowser
const pageErrors: string[] = []

beforeAll(async () => {
  browser = await launchWithExtension({ extensionDir: EXTENSION_DIR })
  await browser.setSettings({ workerUrl: stack.relay.url, agentToken })
  await mkdir(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
})

/** The side panel pages a test opened as tabs, closed after it even when it fails (the popup's test finds the real side panel by its URL). */
const panelTabs: Page[] = []

afterEach(async () => {
  await Promise.all(panelTabs.splice(0).map((page) => page.close()))
})

async function openPanel(): Promise<Page> {
  const page = await openSidePanelPage(browser, pageErrors)
  panelTabs.push(page)
  return page
}

async function openPopup(): Promise<Page> {
  const page = await browser.context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.setViewportSize(POPUP_VIEWPORT)
  await page.goto(browser.pageUrl('popup.html'))
  return page
}

/** Where the search's answer sits: inside the popup's bounds and its scroll box, first in it, nothing sideways. */
const placement = (page: Page) =>
  page.evaluate(() => {
    const root = document.documentElement
    const box = document.querySelector('[data-testid="popup-scroll"]')!
    const results = box.querySelector('.reference-results')
    const firstRow = results?.querySelector('[data-testid="search-row"]')?.getBoundingClientRect()
    const scroll = box.getBoundingClientRect()
    return {
      first: box.firstElementChild === results,
      firstRowInView: !!firstRow && firstRow.top >= scroll.top && firstRow.bottom <= scroll.bottom,
      sideways: root.scrollWidth > root.clientWidth || box.scrollWidth > box.clientWidth,
      width: document.body.getBoundingClientRect().width,
      height: document.body.getBoundingClientRect().height,
    }
  })

describe('find a customer by reference ID', () => {
  it('should open the detail for one match, list several newest first, and say when none match', async () => {
    const { single, several } = await demoReferences(stack.relay.url, agentToken)

    const page = await openPanel()
    await searchFor(page, single.reference)
    await page.getByTestId('detail').waitFor(WAIT)
    expect(await page.getByTestId('detail').getAttribute('data-id')).toBe(single.id)

    const other = await openPanel()
    await searchFor(other, several.reference)
    const rows = other.getByTestId('search-row')
    await rows.first().waitFor(WAIT)
    const shown = await rows.evaluateAll((list) => list.map((row) => (row as HTMLElement).dataset.id ?? ''))
    expect([...shown].sort()).toEqual([...several.ids].sort())
    expect(await other.getByTestId('detail').count()).toBe(0)

    await searchFor(other, 'no-customer-has-this-reference-0001')
    await other.getByTestId('search-none').waitFor(WAIT)
    expect(await other.getByTestId('search-none').textContent()).toContain('no-customer-has-this-reference-0001')

    await searchFor(other, 'customer@example.com')
    await expect
      .poll(() => other.getByTestId('search-none').textContent(), WAIT)
      .toContain('No vendor could be searched for customer@example.com')
    expect(await other.getByTestId('search-vendor-line').count()).toBe(VENDOR_NAMES.length)
    expect(pageErrors).toEqual([])
  }, 180_000)
})

describe('find a customer by reference ID in the popup at 400x600', () => {
  it('should list several matches at the top of its scroll box, one match for a click that opens it in the side panel, and say when none match', async () => {
    const { single, several } = await demoReferences(stack.relay.url, agentToken)

    const page = await openPopup()
    await page.getByTestId('panel-inquiries').getByTestId('row').first().waitFor(WAIT)
    await searchFor(page, several.reference)
    const rows = page.getByTestId('search-row')
    await rows.first().waitFor(WAIT)
    const shown = await rows.evaluateAll((list) => list.map((row) => (row as HTMLElement).dataset.id ?? ''))
    expect([...shown].sort()).toEqual([...several.ids].sort())
    const facts = await placement(page)
    expect(facts).toMatchObject({ first: true, firstRowInView: true, sideways: false })
    expect(facts.width).toBeLessThanOrEqual(POPUP_VIEWPORT.width)
    expect(facts.height).toBeLessThanOrEqual(POPUP_VIEWPORT.height)
    await page.screenshot({ path: join(ARTIFACTS, 'popup-search-en-light.png') })

    await searchFor(page, 'no-customer-has-this-reference-0001')
    await page.getByTestId('search-none').waitFor(WAIT)
    expect(await page.getByTestId('search-none').textContent()).toContain('no-customer-has-this-reference-0001')

    await searchFor(page, 'customer@example.com')
    await expect
      .poll(() => page.getByTestId('search-none').textContent(), WAIT)
      .toContain('No vendor could be searched for customer@example.com')

    await searchFor(page, single.reference)
    await expect.poll(() => rows.evaluateAll((list) => list.map((row) => (row as HTMLElement).dataset.id ?? '')), WAIT).toEqual([single.id])
    // The agent's click opens the side panel (over the tab the popup belongs to) on the match's detail.
    expect(
      browser.context.pages().filter((p) => p.url().startsWith(browser.pageUrl('sidepanel.html'))),
      'no side panel before the click',
    ).toEqual([])
    await rows.first().getByTestId('row-open').click()
    const panel = await attachToView(browser, browser.pageUrl('sidepanel.html'))
    try {
      await expect
        .poll(
          () => panel.evaluate<string | null>(`document.querySelector('[data-testid="detail"]')?.getAttribute('data-id') ?? null`),
          WAIT,
        )
        .toBe(single.id)
    } finally {
      await panel.detach()
    }
    expect(pageErrors).toEqual([])
  })
})
