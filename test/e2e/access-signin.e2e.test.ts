/**
 * "Sign in with your company account" in real Chromium: the development build, the relay in
 * AUTH_MODE=access behind the fake Access gateway (harness/fake-access.ts), whose origin is the team domain
 * the relay trusts. The agent never types a token: the options page asks for host permission and opens the
 * relay in a tab, the gateway's sign-in sets CF_Authorization, and the relay validates the JWT itself.
 * Playwright cannot click Chrome's host-permission prompt, so the test grants the site as an agent can
 * too, on chrome://extensions (`developerPrivate.addHostPermission`). Every wait is for a condition.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { startAccessStack, type FakeAccess } from '../harness/fake-access.ts'
import { EXTENSION_DIR } from '../harness/helpdesk-session.ts'
import { DEMO } from '../harness/stack.ts'
import { WAIT } from '../harness/wait.ts'

/** Who the fake gateway signs in when its login page is opened without naming anyone. */
const AGENT_EMAIL = 'agent@example.com'

/** chrome://extensions' own API (Site access) and the background's storage; typed for the checker, run in those pages. */
declare const chrome: {
  developerPrivate: { addHostPermission(id: string, host: string): Promise<void> }
  storage: { local: { get(key: string): Promise<unknown> } }
}

let stack: Awaited<ReturnType<typeof startAccessStack>> | undefined
let access: FakeAccess
let browser: ExtensionBrowser
const pageErrors: string[] = []

beforeAll(async () => {
  stack = await startAccessStack()
  access = stack.access
  browser = await launchWithExtension({ extensionDir: EXTENSION_DIR })
  browser.context.on('weberror', (error) => pageErrors.push(`weberror: ${error.error().message}`))
  // The relay the agent uses is the gateway's address (the relay's hostname behind Access); no token.
  await browser.setSettings({ workerUrl: access.teamDomain, agentToken: '' })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await stack?.stop()
})

afterEach(() => {
  expect(pageErrors.splice(0), 'errors in the extension pages').toEqual([])
})

async function openPage(page: string): Promise<Page> {
  const tab = await browser.context.newPage()
  tab.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(`${page}: ${msg.text()}`)
  })
  await tab.goto(browser.pageUrl(page))
  return tab
}

async function testConnection(options: Page): Promise<string | null> {
  await options.getByTestId('test-connection').click()
  const result = options.getByTestId('connection-result')
  await result.waitFor(WAIT)
  await expect.poll(() => options.getByTestId('test-connection').isEnabled(), WAIT).toBe(true)
  return result.getAttribute('data-auth')
}

describe('access mode: Sign in with your company account', () => {
  it('offers Sign in instead of a token, signs in through the gateway, and then the popup lists sessions without any token', async () => {
    const options = await openPage('options.html')
    await options.getByTestId('sign-in-button').waitFor(WAIT)
    expect(await options.getByTestId('setting-agent-token').count()).toBe(0)

    // Site access for the relay, as chrome://extensions grants it (see the header comment).
    const extensions = await browser.context.newPage()
    await extensions.goto(`chrome://extensions/?id=${browser.extensionId}`)
    await extensions.evaluate((id) => chrome.developerPrivate.addHostPermission(id, 'http://127.0.0.1/*'), browser.extensionId)
    await extensions.close()

    // Not signed in yet: without the gateway's cookie the relay is not reached (Access redirects to its
    // sign-in page), and the options page and the popup say to sign in, not to fix a token.
    expect(await testConnection(options)).toBe('rejected')
    expect(await options.getByTestId('result-message').textContent()).toContain('not signed in')
    expect(await browser.context.cookies(access.teamDomain)).toEqual([])
    const signedOut = await openPage('popup.html')
    const banner = signedOut.getByTestId('panel-inquiries').getByTestId('error-unauthorized')
    await banner.waitFor(WAIT)
    expect(await banner.locator('strong').textContent()).toBe('Sign-in needed')
    await signedOut.close()

    // The real click: permissions.request (resolved by the grant), then the relay in a new tab, which
    // the gateway sends through its sign-in page and back.
    const [signInTab] = await Promise.all([browser.context.waitForEvent('page', WAIT), options.getByTestId('sign-in-button').click()])
    await expect.poll(() => signInTab.url(), WAIT).toBe(`${access.teamDomain}/`)
    await expect.poll(() => options.getByTestId('sign-in-status').getAttribute('data-state'), WAIT).toBe('opened')
    const cookies = await browser.context.cookies(access.teamDomain)
    expect(cookies.map((c) => c.name)).toEqual(['CF_Authorization'])
    await signInTab.close()

    expect(await testConnection(options)).toBe('ok')
    expect(await options.getByTestId('sign-in-status').getAttribute('data-state')).toBe('signed-in')
    // Nothing secret was stored: the cookie is the browser's.
    expect(await browser.background.evaluate(() => chrome.storage.local.get('settings'))).toEqual({
      settings: { workerUrl: access.teamDomain, agentToken: '' },
    })

    const popup = await openPage('popup.html')
    await popup.getByTestId('tab-sessions').click()
    const rows = popup.getByTestId('panel-sessions').getByTestId('row')
    await rows.first().waitFor(WAIT)
    const ids = await rows.evaluateAll((list) => list.map((row) => (row as HTMLElement).dataset.id ?? ''))
    expect(ids.length).toBeGreaterThan(0)
    for (const id of ids) expect(id).toMatch(/^iqse_/)

    // The relay took the agent from the JWT the gateway signed: an admin's audit names that email.
    const lead = await fetch(`${access.teamDomain}/cdn-cgi/access/login?email=lead%40example.com&redirect_url=/healthz`, {
      redirect: 'manual',
    })
    const leadCookie = lead.headers.get('set-cookie')?.split(';')[0] ?? ''
    await expect
      .poll(async () => {
        const res = await fetch(`${access.teamDomain}/v1/admin/audit?agent=${encodeURIComponent(AGENT_EMAIL)}`, {
          headers: { cookie: leadCookie, origin: DEMO.extensionOrigin },
        })
        return ((await res.json()) as { data: { route: string }[] }).data.map((row) => row.route)
      }, WAIT)
      .toContain('/v1/persona/inquiry-sessions')
  })

  it('ignores a token saved in tokens mode once signed in (the popup lists inquiries), and lets the agent remove it', async () => {
    // Signed in by the test above (the gateway's cookie is the browser's); the team used tokens before.
    expect((await browser.context.cookies(access.teamDomain)).map((c) => c.name)).toEqual(['CF_Authorization'])
    await browser.setSettings({ workerUrl: access.teamDomain, agentToken: 'idvl_left_from_tokens_mode_000000001' })

    const popup = await openPage('popup.html')
    // The test above chose Sessions, which the popup now opens on: the inquiries are chosen again.
    await popup.getByTestId('tab-inquiries').click()
    const list = popup.getByTestId('panel-inquiries')
    await list.getByTestId('row').first().waitFor(WAIT)
    expect(await list.getByTestId('error-unauthorized').count()).toBe(0)
    await popup.close()

    const options = await openPage('options.html')
    await options.getByTestId('sign-in-button').waitFor(WAIT)
    expect(await options.getByTestId('setting-agent-token').count()).toBe(0)
    await options.getByTestId('remove-token').click()
    await options.getByTestId('stale-token').waitFor({ state: 'detached', ...WAIT })
    expect(await browser.background.evaluate(() => chrome.storage.local.get('settings'))).toEqual({
      settings: { workerUrl: access.teamDomain, agentToken: '' },
    })
    expect(await testConnection(options)).toBe('ok')
    await options.close()
  })
})
