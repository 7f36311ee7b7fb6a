import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { findExecutable } from './find-executable.ts'
import { pollUntil } from './poll.ts'
import { WAIT } from './wait.ts'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Worker } from 'playwright-core'

/** The extension API used in the service worker below (run there; typed here for the checker). */
declare const chrome: {
  storage: { local: { set(items: object): Promise<void> }; session: { get(key: string): Promise<Record<string, unknown>> } }
}

/** The extension's connection settings, as the options page stores them. */
export type Settings = { workerUrl: string; agentToken: string }

/** Debian's Chromium (CI installs it from .ci/run); override with CHROMIUM_PATH. */
export const chromiumPath = (): string =>
  findExecutable({
    name: 'Chromium',
    envVar: 'CHROMIUM_PATH',
    paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser'],
    debianPackage: 'chromium',
  })

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

/**
 * Launches real Chromium with the unpacked extension loaded (persistent context: extensions need
 * one). `hostResolverRules` maps helpdesk host names to the local fixture server, so the manifest's
 * shipped host permissions apply to the test pages exactly as on the real sites.
 */
export async function launchWithExtension(options: {
  extensionDir: string
  hostResolverRules?: string
  args?: string[]
  /** A profile to start with (a browser restart): kept on close. Default: a fresh one, removed on close. */
  userDataDir?: string
  /**
   * The browser's language (e.g. `de`). Chromium picks the extension's messages by `--lang` (also
   * headless, on Linux, where LANGUAGE/LANG do not move it); `getUILanguage()` still says en-US
   * there, and the pages' navigator.language follows Playwright's `locale`. Default: English.
   */
  locale?: string
  /** The pages' time zone (an IANA name, e.g. `Europe/Berlin`). Default: the machine's. */
  timezoneId?: string
  /** Optional permissions the extension holds from the start (see withOptionalGranted). */
  grant?: readonly string[]
}): Promise<ExtensionBrowser> {
  const ownProfile = options.userDataDir === undefined
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'idv-lens-chromium-')))
  const granted = options.grant?.length ? await withOptionalGranted(options.extensionDir, options.grant) : null
  const extensionDir = granted?.dir ?? options.extensionDir
  const removeProfile = async () => {
    if (ownProfile) await rm(userDataDir, { recursive: true, force: true })
    await granted?.remove()
  }
  const args = [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    ...(options.hostResolverRules ? [`--host-resolver-rules=${options.hostResolverRules}`] : []),
    // Test pages are served over plain HTTP/self-signed TLS on loopback.
    '--ignore-certificate-errors',
    ...(options.locale ? [`--lang=${options.locale}`] : []),
    ...(options.args ?? []),
  ]
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: false, // --headless=new is passed above; Playwright's own flag would pick old headless.
    args,
    viewport: { width: 1280, height: 900 },
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    ...(options.locale ? { locale: options.locale, env: { ...process.env, LANGUAGE: options.locale } } : {}),
  })
  // Playwright's own waits (actions, navigations, events) get the tests' bound (wait.ts), not its 30 s.
  context.setDefaultTimeout(WAIT.timeout)
  try {
    // A bound, not a measure: on a loaded 2-core machine the extension's worker can take past 30 s to start.
    const background = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 90_000 }))
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
      async close() {
        await context.close()
        await removeProfile()
      },
    }
  } catch (err) {
    await context.close()
    await removeProfile()
    throw err
  }
}

/**
 * A copy of the build whose manifest asks for `permissions` outright instead of as optional ones:
 * what Chrome holds once the agent accepted its prompt, which headless Chromium cannot show and
 * nothing grants an API permission without (CDP's grantPermissions is for web origins). The copy
 * keeps the manifest's key, so the extension's ID and origin stay the same.
 */
async function withOptionalGranted(
  extensionDir: string,
  permissions: readonly string[],
): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'idv-lens-granted-'))
  const remove = () => rm(dir, { recursive: true, force: true })
  try {
    await cp(extensionDir, dir, { recursive: true })
    const path = join(dir, 'manifest.json')
    const manifest = JSON.parse(await readFile(path, 'utf8')) as { permissions?: string[]; optional_permissions?: string[] }
    const missing = permissions.filter((p) => !manifest.optional_permissions?.includes(p))
    if (missing.length > 0) throw new Error(`not optional permissions of the build: ${missing.join(', ')}`)
    manifest.optional_permissions = manifest.optional_permissions!.filter((p) => !permissions.includes(p))
    manifest.permissions = [...(manifest.permissions ?? []), ...permissions]
    await writeFile(path, JSON.stringify(manifest))
    return { dir, remove }
  } catch (err) {
    await remove()
    throw err
  }
}
