/**
 * Chromium kept between the test files of one vitest worker (the browser project's): a file's
 * `close()` gives its browser back with the extension uninstalled, every page closed and the
 * browser's own state cleared; the next file with the same launch options installs the extension
 * afresh in it. A fresh install starts from nothing (storage, granted permissions, alarms,
 * registered scripts), as in a new profile, in ~0.2 s instead of a browser start. Outside the
 * browser project (the benchmarks), every launch is a browser of its own.
 */
import type { EventEmitter } from 'node:events'
import { tmpdir } from 'node:os'
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core'
import { pollUntil } from './poll.ts'

/** The extension API used in the service worker below (run there; typed here for the checker). */
declare const chrome: { tabs: { query(query: object): Promise<unknown[]> } }

/** Set by the browser project's global setup (kept-browsers.ts): the directory of the kept browsers' profiles. */
export const KEPT_PROFILES_ENV = 'IDV_LENS_KEPT_PROFILES'

export const keepsBrowsers = (): boolean => process.env[KEPT_PROFILES_ENV] !== undefined

/** Where a fresh profile goes: the run's directory for kept browsers (removed after the run), or the temp dir. */
export const profilesRoot = (): string => process.env[KEPT_PROFILES_ENV] ?? tmpdir()

/** A Chromium without the extension, started by browser.ts for the launch options `key` names. */
export type BareBrowser = {
  key: string
  context: BrowserContext
  /** Closes the browser and removes its profile. */
  close(): Promise<void>
  /** The context's listeners when it started (Playwright's own): any other is a test's, removed on return. */
  ownListeners: Map<string | symbol, Function[]>
  /** Web origins the file's pages asked, whose storage is cleared on return. */
  origins: Set<string>
}

/**
 * At most this many idle browsers per worker (a language each, with and without fixture hosts, and
 * the time zones of a few files); the oldest closes. An idle one costs memory, not CPU.
 */
const IDLE_CAP = 6
const idle: BareBrowser[] = []

/**
 * A browser just started, with the extension installed once and removed again: the first install in
 * a browser also starts a second worker for it, whose extension APIs answer "No SW" and whose writes
 * (the warm-up's "asking") can outlive it. Every later install starts one worker.
 */
export async function primedBrowser(options: { key: string; context: BrowserContext; close(): Promise<void>; extensionDir: string }): Promise<BareBrowser> {
  const { context, extensionDir } = options
  const held = watchBareBrowser(options)
  const cdp = await browserSession(context)
  try {
    const { id } = (await cdp.send('Extensions.loadUnpacked' as never, { path: extensionDir } as never)) as { id: string }
    await cdp.send('Extensions.uninstall' as never, { id } as never)
  } catch (err) {
    await held.close()
    throw err
  } finally {
    await cdp.detach().catch(() => {})
  }
  return held
}

function watchBareBrowser({ key, context, close }: Pick<BareBrowser, 'key' | 'context' | 'close'>): BareBrowser {
  const origins = new Set<string>()
  context.on('request', (request) => {
    const { protocol, origin } = new URL(request.url())
    if (protocol === 'http:' || protocol === 'https:') origins.add(origin)
  })
  const events = emitter(context)
  const ownListeners = new Map(events.eventNames().map((name) => [name, events.listeners(name)]))
  return { key, context, close, ownListeners, origins }
}

/** An idle browser started with the same options, if this worker keeps one. */
export function takeIdle(key: string): BareBrowser | undefined {
  const at = idle.findIndex((held) => held.key === key)
  return at < 0 ? undefined : idle.splice(at, 1)[0]
}

/** Playwright's context is an EventEmitter; its typings list only the typed `on` overloads. */
const emitter = (context: BrowserContext) => context as unknown as EventEmitter

const browserSession = (context: BrowserContext): Promise<CDPSession> => context.browser()!.newBrowserCDPSession()

/** Installs the unpacked extension in `held` (CDP, as "Load unpacked" does) and returns its new service worker. */
export async function installExtension(held: BareBrowser, extensionDir: string): Promise<Worker> {
  const before = new Set(held.context.serviceWorkers())
  const cdp = await browserSession(held.context)
  try {
    const { id } = (await cdp.send('Extensions.loadUnpacked' as never, { path: extensionDir } as never)) as { id: string }
    const isNew = (worker: Worker) => !before.has(worker) && new URL(worker.url()).host === id
    // A first install in a browser also leaves a worker target whose extension APIs answer "No SW":
    // the background is the new worker that can use them.
    const answers = (worker: Worker) => worker.evaluate(() => chrome.tabs.query({}).then(() => true)).catch(() => false)
    const background = async () => {
      for (const worker of held.context.serviceWorkers().filter(isNew)) if (await answers(worker)) return worker
      return undefined
    }
    // A bound, not a measure: on a loaded 2-core machine the extension's worker can take past 30 s to start.
    return (await pollUntil(background, (worker) => worker !== undefined, { timeoutMs: 90_000, what: "the extension's service worker" }))!
  } finally {
    await cdp.detach()
  }
}

/**
 * Takes `held` back from a file: the extension uninstalled (its storage, permissions and scripts go
 * with it), one blank page left, the test's listeners, routes, grants and the browser's cookies, cache
 * and the visited origins' storage cleared. Kept for the next file, or closed when it cannot be reset.
 */
export async function giveBack(held: BareBrowser, extensionId: string): Promise<void> {
  try {
    await reset(held, extensionId)
  } catch (err) {
    console.warn(`A kept browser could not be reset, so it is closed: ${(err as Error).message}`)
    await held.close()
    return
  }
  idle.push(held)
  while (idle.length > IDLE_CAP) await idle.shift()!.close()
}

/** A page of no site, answered by the browser itself, where the clipboard can be written (https). */
const BLANK_SITE = 'https://idv-lens-reset.invalid/'

/** The clipboard a new browser starts with: empty (a file's copies must not satisfy the next file's checks). */
async function emptyClipboard(context: BrowserContext, blank: Page): Promise<void> {
  await blank.route(BLANK_SITE, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>reset</title>' }))
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(BLANK_SITE).origin })
    await blank.goto(BLANK_SITE)
    await blank.bringToFront()
    await blank.evaluate(() => navigator.clipboard.writeText(''))
    await blank.goto('about:blank')
  } finally {
    await blank.unrouteAll()
  }
}

async function reset({ context, ownListeners, origins }: BareBrowser, extensionId: string): Promise<void> {
  // The file's listeners first: none of them sees what the reset does.
  const events = emitter(context)
  for (const name of events.eventNames()) {
    const own = ownListeners.get(name) ?? []
    for (const listener of events.listeners(name)) if (!own.includes(listener)) events.off(name, listener as (...args: unknown[]) => void)
  }
  const blank = await context.newPage()
  for (const page of context.pages()) if (page !== blank) await page.close()
  const cdp = await browserSession(context)
  try {
    await cdp.send('Extensions.uninstall' as never, { id: extensionId } as never)
  } finally {
    await cdp.detach()
  }
  await context.unrouteAll({ behavior: 'ignoreErrors' })
  await emptyClipboard(context, blank)
  await context.clearPermissions()
  await context.clearCookies()
  const page = await context.newCDPSession(blank)
  try {
    await page.send('Network.clearBrowserCache')
    for (const origin of origins) await page.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' })
  } finally {
    await page.detach()
  }
  origins.clear()
}
