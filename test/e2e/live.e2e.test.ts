/**
 * Live events in the real extension: the side panel (opened as a tab, same document) connects to a
 * relay under wrangler dev; the demo vendors post signed webhooks; rows appear at the top of the
 * Live tab (a tab of its own: a feed that never stops must not push a list down).
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { startLiveStack, type LiveStack } from '../harness/live.ts'
import { DEMO, REPO_ROOT } from '../harness/stack.ts'
import { WAIT } from '../harness/wait.ts'

const EXTENSION_DIR = process.env.IDV_LENS_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/chrome-mv3-dev')

let stack: LiveStack
let browser: ExtensionBrowser
const pageErrors: string[] = []

beforeAll(async () => {
  stack = await startLiveStack()
  browser = await launchWithExtension({ extensionDir: EXTENSION_DIR })
  await browser.setSettings({ workerUrl: stack.relay.url, agentToken: DEMO.agentToken })
})

afterAll(async () => {
  await browser?.close()
  await stack?.stop()
})

async function openLiveTab(): Promise<Page> {
  const page = await browser.context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.setViewportSize({ width: 420, height: 900 })
  await page.goto(browser.pageUrl('sidepanel.html'))
  await page.getByTestId('tab-live').click()
  return page
}

/** The events' names as the vendors send them (each row shows them in words, the name on hover). */
const liveNames = (page: Page) =>
  page.getByTestId('live-name').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.name ?? ''))
const indicator = (page: Page) => page.getByTestId('live-indicator')

describe('live events in the side panel', () => {
  it('should show a signed webhook posted to the relay at the top of the open Live tab, and open its detail', async () => {
    const page = await openLiveTab()
    await expect.poll(() => indicator(page).getAttribute('data-status'), WAIT).toBe('live')
    const first = await stack.deliver('persona')
    const second = await stack.deliver('deepidv')
    expect([first.status, second.status]).toEqual([204, 204])
    await expect.poll(() => liveNames(page), WAIT).toEqual([second.name, first.name])
    // Each row opens its detail through the normal (cached) relay routes, loaded, not a failure
    // (the header shows the ID either way): the Persona event with its name, the deepidv session.
    const detail = page.getByTestId('detail')
    await page.locator('[data-testid="live-event"][data-vendor="persona"] [data-testid="live-open"]').click()
    await expect.poll(() => detail.getAttribute('data-id'), WAIT).toBe(first.id)
    await expect
      .poll(() => detail.locator('[data-testid="detail-summary"] [data-field="fieldName"] dd').allTextContents(), WAIT)
      .toEqual([first.name])
    expect(await detail.getByRole('alert').count()).toBe(0)
    await page.getByTestId('detail-back').click()
    await page.getByTestId('tab-live').click()
    await page.locator('[data-testid="live-event"][data-vendor="deepidv"] [data-testid="live-open"]').click()
    await expect.poll(() => detail.getAttribute('data-id'), WAIT).toBe(second.id)
    await expect.poll(() => detail.getByTestId('detail-summary').count(), WAIT).toBe(1)
    expect(await detail.getByRole('alert').count()).toBe(0)
    expect(pageErrors).toEqual([])
    await page.close()
  })

  it('should reconnect after the relay restarts and resume without losing an event', async () => {
    const page = await openLiveTab()
    await expect.poll(() => indicator(page).getAttribute('data-status'), WAIT).toBe('live')
    const before = await stack.deliver('persona')
    await expect.poll(() => liveNames(page), WAIT).toContain(before.name)
    const shown = (await liveNames(page)).length

    await stack.restartRelay()
    // Delivered before the panel is back: it must come with the resume (since), not be lost.
    const during = await stack.deliver('deepidv')
    expect(during.status).toBe(204)
    await expect.poll(() => indicator(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('live')
    await expect.poll(async () => (await liveNames(page)).length, WAIT).toBe(shown + 1)
    expect((await liveNames(page))[0]).toBe(during.name)

    const after = await stack.deliver('persona')
    await expect.poll(async () => (await liveNames(page)).length, WAIT).toBe(shown + 2)
    expect((await liveNames(page))[0]).toBe(after.name)
    expect(pageErrors).toEqual([])
    await page.close()
  })

  it("should count new events on the popup's Live tab while another tab is shown, and list them at the top of it", async () => {
    const page = await browser.context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.setViewportSize({ width: 400, height: 600 })
    await page.goto(browser.pageUrl('popup.html'))
    // The popup opens on the list last chosen (the side panel's Live, in the test before): choose another.
    await page.getByTestId('tab-inquiries').click()
    await page.getByTestId('panel-inquiries').waitFor(WAIT)
    const delivered = await stack.deliver('deepidv')
    expect(delivered.status).toBe(204)
    await expect.poll(() => page.getByTestId('tab-note-live').getAttribute('title'), WAIT).toBe('1 new')
    await page.getByTestId('tab-live').click()
    await expect.poll(() => indicator(page).getAttribute('data-status'), WAIT).toBe('live')
    expect((await liveNames(page))[0]).toBe(delivered.name)
    expect(await page.locator('[data-testid="live-event"][data-new]').count()).toBe(1)
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
