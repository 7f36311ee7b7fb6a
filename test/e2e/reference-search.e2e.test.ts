/**
 * Finding a customer by a reference ID in the side panel, in real Chromium with the built development
 * extension, the relay under wrangler dev and the demo upstream: one match opens its detail, several
 * are listed, none says so, an email address is refused without a call. Which reference IDs have
 * one or several records is asked of the relay itself over HTTP (the same routes the extension uses).
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { openSidePanelPage } from '../harness/side-panel-page.ts'
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

async function relayGet<T>(path: string): Promise<T> {
  const res = await fetch(`${stack.relay.url}${path}`, { headers: { authorization: `Bearer ${DEMO.agentToken}` } })
  expect(res.status, path).toBe(200)
  return (await res.json()) as T
}

type Inquiries = { data: { id: string; attributes: { 'reference-id': string | null } }[] }
type Sessions = { sessions: { id: string }[] }

/** The records both vendors hold for a reference ID, as the relay answers (the oracle). */
async function recordsFor(reference: string): Promise<string[]> {
  const q = encodeURIComponent(reference)
  const [inquiries, sessions] = await Promise.all([
    relayGet<Inquiries>(`/v1/persona/inquiries?filter%5Breference-id%5D=${q}&page%5Bsize%5D=10`),
    relayGet<Sessions>(`/v1/deepidv/sessions?by_organization=true&external_id=${q}&limit=10`),
  ])
  return [...inquiries.data.map((i) => i.id), ...sessions.sessions.map((s) => s.id)]
}

const openPanel = () => openSidePanelPage(browser, pageErrors)

async function searchFor(page: Page, text: string): Promise<void> {
  await page.getByTestId('lookup-input').fill(text)
  await page.getByTestId('lookup-submit').click()
}

describe('find a customer by reference ID', () => {
  it('should open the detail for one match, list several newest first, and say when none match', async () => {
    // Reference IDs of the newest inquiries, sorted by how many records carry them.
    const newest = await relayGet<Inquiries>('/v1/persona/inquiries?page%5Bsize%5D=50')
    const references = [...new Set(newest.data.map((i) => i.attributes['reference-id']).filter((r): r is string => !!r))]
    let single: { reference: string; id: string } | null = null
    let several: { reference: string; ids: string[] } | null = null
    for (const reference of references) {
      if (single && several) break
      const ids = await recordsFor(reference)
      if (ids.length === 1 && !single) single = { reference, id: ids[0]! }
      if (ids.length > 1 && !several) several = { reference, ids }
    }
    expect(single, 'the demo data has a reference ID with one record').not.toBeNull()
    expect(several, 'the demo data has a reference ID with several records').not.toBeNull()

    const page = await openPanel()
    await searchFor(page, single!.reference)
    await page.getByTestId('detail').waitFor(WAIT)
    expect(await page.getByTestId('detail').getAttribute('data-id')).toBe(single!.id)

    const other = await openPanel()
    await searchFor(other, several!.reference)
    const rows = other.getByTestId('search-row')
    await rows.first().waitFor(WAIT)
    const shown = await rows.evaluateAll((list) => list.map((row) => (row as HTMLElement).dataset.id ?? ''))
    expect([...shown].sort()).toEqual([...several!.ids].sort())
    expect(await other.getByTestId('detail').count()).toBe(0)

    await searchFor(other, 'no-customer-has-this-reference-0001')
    await other.getByTestId('search-none').waitFor(WAIT)
    expect(await other.getByTestId('search-none').textContent()).toContain('no-customer-has-this-reference-0001')

    await searchFor(other, 'customer@example.com')
    expect(await other.getByTestId('lookup-error').textContent()).toContain('Search by reference ID or an ID')
    expect(pageErrors).toEqual([])
  }, 180_000)
})
