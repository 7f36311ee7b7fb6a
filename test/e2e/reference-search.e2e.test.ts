/**
 * Finding a customer by a reference ID in the side panel, in real Chromium with the built development
 * extension, the relay under wrangler dev and the demo upstream: one match opens its detail, several
 * are listed, none says so, an email address is refused without a call. Which reference IDs have
 * one or several records is asked of the relay itself over HTTP (the same routes the extension uses).
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { openSidePanelPage } from '../harness/side-panel-page.ts'
import { demoReferences, searchFor } from '../harness/reference-search.ts'
import { DEMO, REPO_ROOT, startStack, type Stack } from '../harness/stack.ts'

const EXTENSION_DIR = process.env.IDV_LENS_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/chrome-mv3-dev')
const WAIT = { timeout: 20_000 }

let stack: Stack
let browser: ExtensionBrowser
const pageErrors: string[] = []

beforeAll(async () => {
  stack = await startStack()
  browser = await launchWithExtension({ extensionDir: EXTENSION_DIR })
  await browser.setSettings({ workerUrl: stack.relay.url, agentToken: DEMO.agentToken })
})

afterAll(async () => {
  await browser?.close()
  await stack?.stop()
})

const openPanel = () => openSidePanelPage(browser, pageErrors)

describe('find a customer by reference ID', () => {
  it('should open the detail for one match, list several newest first, and say when none match', async () => {
    const { single, several } = await demoReferences(stack.relay.url)

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
    expect(await other.getByTestId('lookup-error').textContent()).toContain('Search by reference ID or an ID')
    expect(pageErrors).toEqual([])
  }, 180_000)
})
