import { mkdtemp, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Worker } from 'playwright-core'

/** Debian's Chromium (CI installs it from .ci/run); override with CHROMIUM_PATH. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[]
  const found = candidates.find((p) => existsSync(p))
  if (!found) throw new Error('Chromium not found: install Debian\'s `chromium` (apt-get install -y chromium) or set CHROMIUM_PATH.')
  return found
}

export type ExtensionBrowser = {
  context: BrowserContext
  extensionId: string
  /** The extension's background service worker. */
  background: Worker
  /** `chrome-extension://<id>/<page>` */
  pageUrl(page: string): string
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
}): Promise<ExtensionBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'idv-lens-chromium-'))
  const args = [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
    `--disable-extensions-except=${options.extensionDir}`,
    `--load-extension=${options.extensionDir}`,
    ...(options.hostResolverRules ? [`--host-resolver-rules=${options.hostResolverRules}`] : []),
    // Test pages are served over plain HTTP/self-signed TLS on loopback.
    '--ignore-certificate-errors',
    ...(options.args ?? []),
  ]
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: false, // --headless=new is passed above; Playwright's own flag would pick old headless.
    args,
    viewport: { width: 1280, height: 900 },
  })
  try {
    const background = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }))
    const extensionId = new URL(background.url()).host
    return {
      context,
      extensionId,
      background,
      pageUrl: (page) => `chrome-extension://${extensionId}/${page.replace(/^\//, '')}`,
      async close() {
        await context.close()
        await rm(userDataDir, { recursive: true, force: true })
      },
    }
  } catch (err) {
    await context.close()
    await rm(userDataDir, { recursive: true, force: true })
    throw err
  }
}
