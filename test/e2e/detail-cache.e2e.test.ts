/**
 * A reopened detail costs no vendor call: in real Chromium (development build) against the relay under
 * wrangler dev and the demo upstream, the side panel opens the story's failed inquiry from its search
 * box, is reloaded, and opens it again. The second open is answered by the caches (the relay's, the
 * panel's): the demo upstream counts the relay's Persona calls.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { openSidePanelPage } from '../harness/side-panel-page.ts'
import { searchFor } from '../harness/reference-search.ts'
import { DEMO, REPO_ROOT, startStack, type Stack } from '../harness/stack.ts'

const EXTENSION_DIR = process.env.IDV_LENS_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/chrome-mv3-dev')
const WAIT = { timeout: 30_000, interval: 100 }
// The demo upstream's story (worker/demo-upstream/persona-story.ts): a failed inquiry with verifications, a case and an earlier attempt.
const STORY_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const STORY_CASE = 'case_Kc4Wq9Nx2Lt7Hv3Db8Rm6PsY'

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

/** Which Persona paths the relay asked for, as the demo upstream logged them. */
async function personaRequests(): Promise<string[]> {
  const res = await fetch(`${stack.upstream.url}/__demo/stats?scope=${encodeURIComponent(DEMO.personaKey)}`)
  const { requests } = (await res.json()) as { requests: { provider: string; path: string; query: Record<string, string> }[] }
  return requests.filter((r) => r.provider === 'persona').map((r) => `${r.path}?${new URLSearchParams(r.query)}`)
}

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

describe('a detail opened again through the side panel', () => {
  it('makes no vendor call the second time: open, reload the panel, open again', async () => {
    const page = await openSidePanelPage(browser, pageErrors)
    await openStory(page)
    const first = await personaRequests()
    expect(first.length).toBeGreaterThan(0)

    await page.reload()
    await openStory(page)
    // Listed by path, so a failure names the call that missed the caches.
    expect((await personaRequests()).slice(first.length)).toEqual([])
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
