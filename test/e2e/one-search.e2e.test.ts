/**
 * One search for every vendor in real Chromium (development build, relay, demo upstream): the demo
 * story's customer reference, typed into the side panel's search box, lists the customer's records at
 * Persona, deepidv and Stripe, grouped by vendor, each vendor's newest first, with status and reason in
 * words; light and dark. Which records exist is asked of the relay over HTTP.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { openSidePanelPage } from '../harness/side-panel-page.ts'
import { searchFor } from '../harness/reference-search.ts'
import { sharedStack } from '../harness/shared-stack.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { WAIT } from '../harness/wait.ts'

const EXTENSION_DIR = process.env.IDV_LENS_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/chrome-mv3-dev')
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/surfaces')
/** The Persona and deepidv story's customer, who also tried Stripe (worker/demo-upstream). */
const REFERENCE = 'user-7431'
const HEADING = { en: 'Records with the reference ID' }

type Record = { id: string; provider: string; createdAt: string | null }
const { stack, agentToken } = sharedStack('reference-search')

async function relayHistory(): Promise<Record[]> {
  const res = await fetch(`${stack.relay.url}/v1/history?reference-id=${REFERENCE}`, { headers: { authorization: `Bearer ${agentToken}` } })
  expect(res.status).toBe(200)
  return ((await res.json()) as { data: Record[] }).data
}

describe('one search for every vendor (en)', () => {
  const locale = 'en'
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

  it("should list the customer's records at three vendors, grouped, newest first, each with status and reason", async () => {
    const records = await relayHistory()
    const vendors = [...new Set(records.map((r) => r.provider))]
    expect([...vendors].sort()).toEqual(['deepidv', 'persona', 'stripe'])

    const page = await openSidePanelPage(browser, pageErrors)
    await searchFor(page, REFERENCE)
    const results = page.getByTestId('search-results')
    await results.waitFor(WAIT)
    expect(await results.getAttribute('aria-label')).toContain(HEADING[locale])
    const groups = await page.getByTestId('search-group').evaluateAll((list) =>
      list.map((group) => ({
        provider: (group as HTMLElement).dataset.provider,
        label: group.querySelector('h3')?.textContent,
        ids: [...group.querySelectorAll<HTMLElement>('[data-testid="search-row"]')].map((row) => row.dataset.id),
        reasons: group.querySelectorAll('[data-testid="search-reason"]').length,
        badges: [...group.querySelectorAll('[data-testid="search-row"] .attempt-top')].map((top) => top.textContent?.trim() ?? ''),
      })),
    )
    // Each vendor's records in the relay's order (newest first); the vendor with the newest record first.
    expect(groups.map((g) => g.provider)).toEqual(vendors)
    expect(groups.map((g) => g.label)).toEqual(vendors.map((v) => ({ persona: 'Persona', deepidv: 'deepidv', stripe: 'Stripe' })[v]))
    for (const group of groups) {
      expect(group.ids).toEqual(records.filter((r) => r.provider === group.provider).map((r) => r.id))
      // A status in words beside each ID, not the ID alone.
      for (const badge of group.badges) expect(badge.length).toBeGreaterThan(group.ids[0]!.length)
    }
    // The failed attempts say why: Stripe's new selfie, deepidv's selfie mismatch, Persona's failed inquiry.
    for (const group of groups) expect(group.reasons, group.provider).toBeGreaterThan(0)
    expect(await page.getByTestId('detail').count()).toBe(0)

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.locator('.reference-results').screenshot({ path: join(ARTIFACTS, `one-search-${locale}-${scheme}.png`) })
    }
    await page.getByTestId('search-group').last().getByTestId('row-open').first().click()
    await page.getByTestId('detail').waitFor(WAIT)
    expect(await page.getByTestId('detail').getAttribute('data-id')).toBe(groups.at(-1)!.ids[0])
    expect(pageErrors).toEqual([])
    await page.close()
  }, 180_000)
})
