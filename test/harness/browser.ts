import { findExecutable } from './find-executable.ts'
import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { giveBack, installExtension, keepsBrowsers, primedBrowser, profilesRoot, takeIdle, type BareBrowser } from './browser-pool.ts'
import { pollUntil } from './poll.ts'
import { chromium, type BrowserContext, type Worker } from 'playwright-core'

/** The extension API used in the service worker below (run there; typed here for the checker). */
declare const chrome: { storage: { local: { set(items: object): Promise<void> }; session: { get(key: string): Promise<Record<string, unknown>> } } }

/** The extension's connection settings, as the options page stores them. */
export type Settings = { workerUrl: string; agentToken: string }

/** Debian's Chromium (CI installs it from .ci/run); override with CHROMIUM_PATH. */
export const chromiumPath = (): string =>
  findExecutable({ name: 'Chromium', envVar: 'CHROMIUM_PATH', paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser'], debianPackage: 'chromium' })

export type ExtensionBrowser = {
  context: BrowserContext
  extensionId: string
  /** The extension's background service worker. */
  background: Worker
  /** `chrome-extension://<id>/<page>` */
  pageUrl(page: string): string
  /** Stores the settings as the options page does (`storage.local` key `settings`); they apply at once. */
  setSettings(settings: Settings): Promise<void>
  close(): Promise<void>
}

/** Where the extension's builds are (`wxt build`'s output). */
const BUILDS = fileURLToPath(new URL('../../extension/.output/', import.meta.url))

/** What launchWithExtension takes. */
export type LaunchOptions = {
  extensionDir: string
  hostResolverRules?: string
  args?: string[]
  /** A profile to start with (a browser restart): kept on close. Default: a fresh one. */
  userDataDir?: string
  /**
   * The browser's language (e.g. `de`). Chromium picks the extension's messages by `--lang` (also
   * headless, on Linux, where LANGUAGE/LANG do not move it); `getUILanguage()` still says en-US
   * there, and the pages' navigator.language follows Playwright's `locale`. Default: English.
   */
  locale?: string
  /** The pages' time zone (an IANA name, e.g. `Europe/Berlin`). Default: the machine's. */
  timezoneId?: string
}

/**
 * Real Chromium with the unpacked extension (persistent context: extensions need one). Host rules
 * map helpdesk host names to a fixture server, so the manifest's host permissions apply as on the
 * real sites. On a fresh profile the extension is installed over CDP ("Load unpacked"), so a vitest
 * worker can keep the browser for its next file (browser-pool.ts); a given profile is a restart,
 * and the extension comes from the command line, as in that profile's first session.
 */
export async function launchWithExtension(options: LaunchOptions): Promise<ExtensionBrowser> {
  if (options.userDataDir !== undefined) return launchWithProfile(options, options.userDataDir)
  const key = JSON.stringify([options.extensionDir, options.hostResolverRules, options.args, options.locale, options.timezoneId])
  // A copy of a build a test made for itself (another ID, a changed manifest) is launched once.
  const keep = keepsBrowsers() && options.extensionDir.startsWith(BUILDS)
  const held = (keep && takeIdle(key)) || (await launchBare(options, key))
  try {
    const background = await installExtension(held, options.extensionDir)
    const browser = await extensionBrowser(held.context, background)
    let closing: Promise<void> | undefined
    const close = () => (closing ??= keep ? giveBack(held, browser.extensionId) : held.close())
    return { ...browser, close }
  } catch (err) {
    await held.close()
    throw err
  }
}

/** Chromium on a fresh profile of its own, without the extension; closing it removes the profile. */
async function launchBare(options: LaunchOptions, key: string): Promise<BareBrowser> {
  const profile = await mkdtemp(join(profilesRoot(), 'idv-lens-chromium-'))
  const removeProfile = () => rm(profile, { recursive: true, force: true })
  const context = await launchChromium(options, { dir: profile, restart: false }).catch(async (err: unknown) => {
    await removeProfile()
    throw err
  })
  const close = () => context.close().finally(removeProfile)
  return primedBrowser({ key, context, close, extensionDir: options.extensionDir })
}

async function launchWithProfile(options: LaunchOptions, userDataDir: string): Promise<ExtensionBrowser> {
  const context = await launchChromium(options, { dir: userDataDir, restart: true })
  try {
    // A bound, not a measure: on a loaded 2-core machine the extension's worker can take past 30 s to start.
    const background = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 90_000 }))
    return { ...(await extensionBrowser(context, background)), close: () => context.close() }
  } catch (err) {
    await context.close()
    throw err
  }
}

/** Chromium as the tests run it, on `profile`; the extension from the command line on a restart. */
function launchChromium(options: LaunchOptions, profile: { dir: string; restart: boolean }): Promise<BrowserContext> {
  const extension = profile.restart
    ? ['--disable-features=DisableLoadExtensionCommandLineSwitch', `--load-extension=${options.extensionDir}`]
    : ['--enable-unsafe-extension-debugging'] // CDP's Extensions.loadUnpacked and uninstall need it.
  const args = [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--disable-extensions-except=${options.extensionDir}`,
    ...extension,
    ...(options.hostResolverRules ? [`--host-resolver-rules=${options.hostResolverRules}`] : []),
    // Test pages are served over plain HTTP/self-signed TLS on loopback.
    '--ignore-certificate-errors',
    ...(options.locale ? [`--lang=${options.locale}`] : []),
    ...(options.args ?? []),
  ]
  return chromium.launchPersistentContext(profile.dir, {
    executablePath: chromiumPath(),
    headless: false, // --headless=new is passed above; Playwright's own flag would pick old headless.
    args,
    viewport: { width: 1280, height: 900 },
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    ...(options.locale ? { locale: options.locale, env: { ...process.env, LANGUAGE: options.locale } } : {}),
  })
}

/** The handle on a started extension, once its background has finished the start-up warm-up. */
async function extensionBrowser(context: BrowserContext, background: Worker): Promise<Omit<ExtensionBrowser, 'close'>> {
  const extensionId = new URL(background.url()).host
  // The background asks for the popup's first page once per browser start (popup-warmup.ts):
  // tests begin after it has finished, so a vendor call counted later is theirs.
  await pollUntil(
    () => background.evaluate(async () => (await chrome.storage.session.get('popup.warmup'))['popup.warmup']),
    (state) => state === 'done',
    { timeoutMs: 60_000, what: "the background's start-up warm-up" },
  )
  return {
    context,
    extensionId,
    background,
    pageUrl: (page) => `chrome-extension://${extensionId}/${page.replace(/^\//, '')}`,
    setSettings: (settings) => background.evaluate((s) => chrome.storage.local.set({ settings: s }), settings),
  }
}
