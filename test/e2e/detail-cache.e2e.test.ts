/**
 * A detail costs each vendor record one call: in real Chromium (development build) against the relay
 * under wrangler dev and the demo upstream, the side panel opens the story's failed inquiry from its
 * search box, is reloaded, and opens it again. The detail and its history section share the relay's
 * cache entries, and the second open is answered by the caches (the relay's, the panel's): the demo
 * upstream counts the relay's Persona calls.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { ExtensionBrowser } from '../harness/browser.ts'
import { openSidePanelPage } from '../harness/side-panel-page.ts'
import { searchFor } from '../harness/reference-search.ts'
import { startStackAndBrowser } from '../harness/helpdesk-session.ts'
import { DEMO, REPO_ROOT, type Stack } from '../harness/stack.ts'
import { WAIT } from '../harness/wait.ts'

const EXTENSION_DIR = process.env.IDV_LENS_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/chrome-mv3-dev')
// The demo upstream's story (worker/demo-upstream/persona-story.ts): a failed inquiry with verifications, a case and an earlier attempt.
const STORY_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const STORY_CASE = 'case_Kc4Wq9Nx2Lt7Hv3Db8Rm6PsY'

let stack: Stack
let browser: ExtensionBrowser
const pageErrors: string[] = []

beforeAll(async () => {
  ;({ stack, browser } = await startStackAndBrowser({}))
})

afterAll(async () => {
  await browser?.close()
  await stack?.stop()
})

type UpstreamRequest = { provider: string; path: string; query: Record<string, string> }

/** The relay's Persona calls, as the demo upstream logged them. */
async function personaCalls(): Promise<UpstreamRequest[]> {
  const res = await fetch(`${stack.upstream.url}/__demo/stats?scope=${encodeURIComponent(DEMO.personaKey)}`)
  const { requests } = (await res.json()) as { requests: UpstreamRequest[] }
  return requests.filter((r) => r.provider === 'persona')
}

const asText = (r: UpstreamRequest) => `${r.path}?${new URLSearchParams(r.query)}`

/**
 * The record a call reads: a retrieve's object (whatever it includes), a list narrowed to one
 * inquiry's cases, sessions or events; other lists (a reference ID's inquiries, several inquiries'
 * sessions) are records of their own.
 */
function recordOf(r: UpstreamRequest): string {
  if (/^\/api\/v1\/[a-z-]+\/[^/]+$/.test(r.path)) return r.path
  const one = r.query['filter[inquiry-id]'] ?? r.query['filter[object-id]']
  return one !== undefined && !one.includes(',') ? `${r.path} of ${one}` : asText(r)
}

const repeated = (items: string[]) => [...new Set(items.filter((item, i) => items.indexOf(item) !== i))]

/** Opens the story inquiry from the search box and waits until every section of it is on screen. */
async function openStory(page: Page): Promise<void> {
  await searchFor(page, STORY_INQUIRY)
  const detail = page.locator(`[data-testid="detail"][data-id="${STORY_INQUIRY}"]`)
  await detail.waitFor(WAIT)
  await expect.poll(() => detail.locator('[data-testid="why-failed-check"]').count(), WAIT).toBeGreaterThan(0)
  await detail.locator(`[data-testid="case"][data-id="${STORY_CASE}"]`).waitFor(WAIT)
  await expect.poll(() => detail.locator('[data-testid="session"]').count(), WAIT).toBeGreaterThan(0)
  await expect.poll(() => detail.locator('[data-testid="timeline-event"]').count(), WAIT).toBeGreaterThan(0)
  await detail.getByTestId('earlier-attempts').waitFor(WAIT)
}

/** A retrieve, or a list filtered to what the detail shows: everything but the panel's own (unfiltered) list. */
const ofTheDetail = (r: UpstreamRequest) =>
  !/^\/api\/v1\/[a-z-]+$/.test(r.path) || Object.keys(r.query).some((k) => k.startsWith('filter['))

describe('a detail opened again through the side panel', () => {
  it('reads each record once: open from the search box, reload the panel, open again', async () => {
    const page = await openSidePanelPage(browser, pageErrors)
    await openStory(page)
    const first = await personaCalls()
    expect(first.filter(ofTheDetail).length).toBeGreaterThan(0)

    await page.reload()
    await openStory(page)
    const walk = await personaCalls()
    // The second open is the caches' answer. Listed by path, so a failure names the call that missed them.
    expect(walk.slice(first.length).map(asText)).toEqual([])
    // The first open's detail and its history read no record twice (the review: the inquiry 3×,
    // sessions, cases and each verification 2×), listed by record so a failure names it; the
    // verifications come in the inquiry's `included`.
    expect(repeated(walk.map(recordOf))).toEqual([])
    expect(walk.filter((r) => r.path.startsWith('/api/v1/verifications/')).map(asText)).toEqual([])
    // The detail's inquiry, sessions, events and cases; its history's reference search, both attempts'
    // sessions, the earlier attempt's inquiry and cases: 8, where the review counted 13.
    expect(walk.filter(ofTheDetail).length).toBeLessThanOrEqual(8)
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
