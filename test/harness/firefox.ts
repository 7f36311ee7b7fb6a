import { findExecutable } from './find-executable.ts'
import { join } from 'node:path'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { FIREFOX_EXTENSION_ID } from '../../extension/src/lib/firefox-id.ts'
import { pacUrl } from './connect-proxy.ts'
import { FIREFOX_QUIET_PREFS } from './firefox-quiet-prefs.ts'
import { pollUntil } from './poll.ts'
import { REPO_ROOT } from './stack.ts'
import { WAIT } from './wait.ts'

/** The Firefox build the Firefox e2e tests load (built once per run by build-extension.ts). */
export const FIREFOX_EXTENSION_DIR = process.env.IDV_LENS_FIREFOX_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/firefox-mv3')

/**
 * The extension's internal UUID, fixed through the `extensions.webextensions.uuids` pref before
 * install, so its pages are at a known moz-extension:// address (Firefox picks a random one otherwise).
 */
export const FIREFOX_EXTENSION_UUID = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f'

/** Debian's Firefox ESR (CI installs it from .ci/run); override with FIREFOX_PATH. */
export const firefoxPath = (): string =>
  findExecutable({
    name: 'Firefox',
    envVar: 'FIREFOX_PATH',
    paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
    debianPackage: 'firefox-esr',
  })

export type FirefoxExtensionBrowser = {
  browser: Browser
  /** `moz-extension://<uuid>` */
  origin: string
  /** Opens one of the extension's pages in a new tab and waits until its document has loaded. */
  openExtensionPage(page: string): Promise<Page>
  close(): Promise<void>
}

/**
 * Real Firefox over WebDriver BiDi (puppeteer-core), with the built extension installed as a
 * temporary add-on through BiDi `webExtension.install`. `proxy` sends the helpdesk host names to the
 * local fixture server (see connect-proxy.ts); the self-signed certificate is accepted.
 */
export async function launchFirefoxWithExtension(options: {
  extensionDir: string
  proxy?: { hosts: readonly string[]; port: number }
}): Promise<FirefoxExtensionBrowser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    // No test reads the driver's network events: unsubscribed, Firefox neither reports nor keeps every request and body.
    networkEnabled: false,
    acceptInsecureCerts: true,
    // Tabs sized by the window (its toolbars take about 90 px of the height): Puppeteer's setViewport also sends a screen-orientation
    // override that Firefox ESR 140 does not know (`unknown command`), so no test calls it.
    defaultViewport: null,
    args: ['--width=1280', '--height=1000'],
    // BiDi refuses to navigate a tab to a moz-extension:// page without this (test profiles only).
    env: { ...process.env, MOZ_REMOTE_ALLOW_SYSTEM_ACCESS: '1' },
    extraPrefsFirefox: {
      ...FIREFOX_QUIET_PREFS,
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_EXTENSION_ID]: FIREFOX_EXTENSION_UUID }),
      // permissions.request still needs the user's click (a trusted BiDi click here), but grants
      // without the doorhanger a test cannot answer.
      'extensions.webextOptionalPermissionPrompts': false,
      ...(options.proxy
        ? { 'network.proxy.type': 2, 'network.proxy.autoconfig_url': pacUrl(options.proxy.hosts, options.proxy.port) }
        : {}),
    },
  })
  try {
    const id = await browser.installExtension(options.extensionDir)
    if (id !== FIREFOX_EXTENSION_ID) throw new Error(`installed ${id}, expected ${FIREFOX_EXTENSION_ID}`)
    const origin = `moz-extension://${FIREFOX_EXTENSION_UUID}`
    return {
      browser,
      origin,
      async openExtensionPage(name) {
        const page = await browser.newPage()
        const url = `${origin}/${name.replace(/^\//, '')}`
        // The navigation moves the tab into the extension process; Puppeteer does not see that
        // load finish, so wait for the document itself instead.
        void page.goto(url, { waitUntil: [] as never, timeout: 0 }).catch(() => {})
        await pollUntil(
          () => page.evaluate(() => ({ href: location.href, ready: document.readyState })).catch(() => null),
          (state) => state?.href === url && state.ready === 'complete',
          { timeoutMs: WAIT.timeout, what: `${name} to load` },
        )
        return page
      },
      close: () => browser.close(),
    }
  } catch (err) {
    await browser.close()
    throw err
  }
}
