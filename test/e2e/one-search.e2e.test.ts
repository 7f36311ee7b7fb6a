/**
 * One search for every vendor in real Chromium (development build, relay, demo upstream): the demo
 * story's customer reference, typed into the side panel's search box, lists the customer's records at
 * every registered vendor, grouped by vendor, each vendor's newest first, with status and reason in
 * words (her Sumsub pass has none to give) and a line per vendor; her inquiry's detail lists them as her history; her email says
 * which vendors were not searched and why. Light and dark. Which records exist is
 * asked of the relay over HTTP.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VENDOR_NAMES, type VendorName } from '@idv-lens/shared/api'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { openDetail, openSidePanelPage, shootLightAndDark } from '../harness/side-panel-page.ts'
import { ANY_VENDOR, searchFor, VENDOR_LABELS, vendorLines } from '../harness/reference-search.ts'
import { sharedStack } from '../harness/shared-stack.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { WAIT } from '../harness/wait.ts'

const EXTENSION_DIR = process.env.IDV_LENS_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/chrome-mv3-dev')
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/surfaces')
/** The Persona and deepidv story's customer, who also tried Stripe and Onfido and passed at Sumsub (worker/demo-upstream). */
const REFERENCE = 'user-7431'
const EMAIL = 'dana.customer@example.com'
const STORY_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
/** Her Onfido runs (worker/demo-upstream/onfido-seed.ts): found by the runs' customer reference. */
const ONFIDO_RUNS = ['e8d14b7a-6c2f-4a95-b3e1-7f0c2d9a5b18', 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46']
const HEADING = { en: 'Records with the reference ID' }
const FOUND = { en: new RegExp(`^(${ANY_VENDOR}): [1-9]\\d* found$`) }
/** Her one attempt with no reason to give: Sumsub's GREEN review (worker/demo-upstream/sumsub/sumsub-seed.ts). */
const PASSED: readonly VendorName[] = ['sumsub']
const NO_EMAIL = { en: 'not searched, its API cannot list records by email address' }

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

  it("should list the customer's records at every vendor, grouped, newest first, each with status and reason", async () => {
    const records = await relayHistory()
    const vendors = [...new Set(records.map((r) => r.provider))]
    expect([...vendors].sort()).toEqual([...VENDOR_NAMES].sort())
    expect(records.filter((r) => r.provider === 'onfido').map((r) => r.id)).toEqual(ONFIDO_RUNS)

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
    expect(groups.map((g) => g.label)).toEqual(vendors.map((v) => VENDOR_LABELS[v as VendorName]))
    // One line per vendor, in words: each found some.
    const lines = await vendorLines(results)
    expect(lines.map((l) => [l.provider, l.outcome])).toEqual(VENDOR_NAMES.map((v) => [v, 'searched']))
    for (const line of lines) expect(line.text).toMatch(FOUND[locale])
    for (const group of groups) {
      expect(group.ids).toEqual(records.filter((r) => r.provider === group.provider).map((r) => r.id))
      // A status in words beside each ID, not the ID alone.
      for (const badge of group.badges) expect(badge.length).toBeGreaterThan(group.ids[0]!.length)
    }
    // The failed attempts say why: Stripe's new selfie, deepidv's selfie mismatch, Persona's failed inquiry,
    // Onfido's blurred document; her Sumsub pass has nothing to explain.
    for (const group of groups)
      if (PASSED.includes(group.provider as VendorName)) expect(group.reasons, group.provider).toBe(0)
      else expect(group.reasons, group.provider).toBeGreaterThan(0)
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

  it("should list her Onfido runs in her inquiry's customer history, with a line per vendor", async () => {
    const records = await relayHistory()
    const page = await openSidePanelPage(browser, pageErrors)
    await openDetail(page, STORY_INQUIRY, { settled: true })
    const list = page.getByTestId('history-list')
    await list.waitFor(WAIT)
    const shown = await list.getByTestId('history-attempt').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.id))
    // Newest first, as the relay answers, her Onfido runs among them.
    expect(shown).toEqual(records.map((r) => r.id))
    expect(shown).toEqual(expect.arrayContaining(ONFIDO_RUNS))
    const section = page.locator('section', { has: list })
    const lines = await vendorLines(section)
    expect(lines.map((l) => l.provider)).toEqual([...VENDOR_NAMES])
    for (const line of lines) expect(line.text).toMatch(FOUND[locale])
    await section.scrollIntoViewIfNeeded()
    await shootLightAndDark(page, section, join(ARTIFACTS, `customer-history-${locale}`))
    expect(pageErrors).toEqual([])
    await page.close()
  }, 180_000)

  it('should say, for her email, that no vendor was searched and why', async () => {
    const page = await openSidePanelPage(browser, pageErrors)
    await searchFor(page, EMAIL)
    const results = page.getByTestId('search-results')
    await results.waitFor(WAIT)
    expect(await page.getByTestId('search-none').textContent()).toContain(EMAIL)
    const lines = await vendorLines(results)
    expect(lines.map((l) => [l.provider, l.outcome])).toEqual(VENDOR_NAMES.map((v) => [v, 'not-searched']))
    for (const line of lines) expect(line.text).toBe(`${VENDOR_LABELS[line.provider as VendorName]}: ${NO_EMAIL[locale]}`)
    expect(await page.getByTestId('search-row').count()).toBe(0)
    await shootLightAndDark(page, page.locator('.reference-results'), join(ARTIFACTS, `email-search-${locale}`))
    expect(pageErrors).toEqual([])
    await page.close()
  }, 180_000)
})
