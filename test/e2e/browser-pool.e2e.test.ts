/**
 * The browser project keeps each worker's Chromium from file to file (harness/browser-pool.ts). This
 * holds the promise that makes that safe: the next file finds nothing of the last one, as in a
 * browser of its own. Its options (an extra switch) are its own, so no other file's browser is used.
 */
import { expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { EXTENSION_DIR } from '../harness/helpdesk-session.ts'

/** The extension API used in the service worker below (run there; typed here for the checker). */
declare const chrome: { storage: Record<'local' | 'session', { get(keys: null): Promise<Record<string, unknown>>; set(items: object): Promise<void> }> }

const OPTIONS = { extensionDir: EXTENSION_DIR, args: ['--idv-lens-browser-pool-check'] }
const SITE = 'https://pool-check.example.test/'

/** A page of SITE, answered by the test itself. */
async function sitePage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage()
  await page.route(SITE, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>site</title>' }))
  await page.goto(SITE)
  return page
}

const allowClipboard = (context: BrowserContext) => context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(SITE).origin })
const clipboardGrant = (page: Page) => page.evaluate(async () => (await navigator.permissions.query({ name: 'clipboard-read' as PermissionName })).state)

const storageOf = (browser: ExtensionBrowser) =>
  browser.background.evaluate(async () => ({ local: await chrome.storage.local.get(null), session: await chrome.storage.session.get(null) }))

it("gives the next file the same browser with nothing of the last file's in it", async () => {
  const first = await launchWithExtension(OPTIONS)
  let second: ExtensionBrowser | undefined
  try {
    await first.setSettings({ workerUrl: 'http://127.0.0.1:9', agentToken: 'left-behind' })
    await first.background.evaluate(() => chrome.storage.session.set({ leftBehind: true }))
    await allowClipboard(first.context)
    const site = await sitePage(first.context)
    await site.evaluate(() => {
      localStorage.setItem('leftBehind', '1')
      document.cookie = 'leftBehind=1; Secure'
    })
    await site.evaluate(() => navigator.clipboard.writeText('left behind'))
    // What the first file leaves is there to be found: the checks below could see it.
    expect(await site.evaluate(() => navigator.clipboard.readText())).toBe('left behind')
    expect(await clipboardGrant(site)).toBe('granted')
    expect(await first.context.cookies()).toHaveLength(1)
    await (await first.context.newPage()).goto(first.pageUrl('popup.html'))
    const seen: string[] = []
    first.context.on('page', () => seen.push('a page the last file watched for'))
    await first.close()

    second = await launchWithExtension(OPTIONS)
    expect(second.context).toBe(first.context)
    expect(second.background).not.toBe(first.background)
    expect(second.context.pages().map((page) => page.url())).toEqual(['about:blank'])
    const storage = await storageOf(second)
    expect(storage.local).not.toHaveProperty('settings')
    expect(storage.local).not.toHaveProperty('leftBehind')
    expect(storage.session).not.toHaveProperty('leftBehind')
    expect(await second.context.cookies()).toEqual([])
    const again = await sitePage(second.context)
    expect(seen).toEqual([])
    expect(await clipboardGrant(again)).not.toBe('granted')
    expect(await again.evaluate(() => localStorage.getItem('leftBehind'))).toBeNull()
    await allowClipboard(second.context)
    expect(await again.evaluate(() => navigator.clipboard.readText())).toBe('')
  } finally {
    await (second ?? first).close()
  }
})
