/**
 * Popup benchmark: real Chromium with the production build, the relay under wrangler dev, the demo
 * upstream. Times, on the popup page's own clock, opening the popup to the newest session's ID in the DOM
 * (seen by a MutationObserver an init script installs first): the first open after a fresh browser start
 * (each round restarts Chromium on the same profile) and later opens, with the popup's own marks, the
 * frame showing the row, and baselines from the same run; also each page's gzip sizes. popup.html opens as
 * a tab, where Playwright can install the init script.   node bench/popup-bench.ts  (BENCH_ROUNDS=5)
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, posix } from 'node:path'
import { gzipSync } from 'node:zlib'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { buildExtension } from '../harness/build-extension.ts'
import { REPO_ROOT, DEMO, startDemoUpstream, startRelay } from '../harness/stack.ts'
import { percentile } from './load.ts'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const LATER_OPENS = Number(process.env.BENCH_LATER_OPENS ?? 3)
const POPUP_PAGE = 10
const PROD_DIR = join(REPO_ROOT, 'extension/.output/chrome-mv3')
const TIMEOUT = 30_000

/** The extension API used in the service worker below (run there; typed here for the checker). */
declare const chrome: { storage: { managed: { get(keys: null): Promise<unknown> } } }

// --- Sizes ---------------------------------------------------------------------------------------

type Asset = { path: string; raw: number; gzip: number; lazy: boolean }

function sizeOf(path: string, lazy: boolean): Asset {
  const bytes = readFileSync(join(PROD_DIR, path))
  return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, lazy }
}

/** A JS file and every chunk it imports, statically (loaded with it) or through import() (lazy). */
function jsClosure(entry: string, seen: Map<string, Asset>, lazy = false): void {
  const known = seen.get(entry)
  if (known) {
    if (known.lazy && !lazy) known.lazy = false
    return
  }
  seen.set(entry, sizeOf(entry, lazy))
  const code = readFileSync(join(PROD_DIR, entry), 'utf8')
  const resolve = (spec: string) => (spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(posix.dirname(entry), spec)))
  for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{},\s]+?from\s*)?["']([^"']+\.js)["']/g)) jsClosure(resolve(m[1]!), seen, lazy)
  // The bundler quotes a dynamic import's path with backticks.
  for (const m of code.matchAll(/import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)) jsClosure(resolve(m[1]!), seen, true)
}

/** What an HTML page loads: its module script (and what that imports), preloads and stylesheets. */
function pageAssets(html: string): Asset[] {
  const seen = new Map<string, Asset>()
  const source = readFileSync(join(PROD_DIR, html), 'utf8')
  seen.set(html, sizeOf(html, false))
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1]
  for (const [tag] of source.matchAll(/<script\b[^>]*>/g)) {
    const src = attr(tag, 'src')
    if (src) jsClosure(src.replace(/^\//, ''), seen)
  }
  for (const [tag] of source.matchAll(/<link\b[^>]*>/g)) {
    const href = attr(tag, 'href')
    const rel = attr(tag, 'rel')
    // A disabled stylesheet is never fetched (popup.html keeps one per stylesheet it inlines).
    if (!href || !rel || /\sdisabled\b/.test(tag)) continue
    if (rel === 'modulepreload') jsClosure(href.replace(/^\//, ''), seen)
    else if (rel === 'stylesheet') seen.set(href.replace(/^\//, ''), sizeOf(href.replace(/^\//, ''), false))
  }
  return [...seen.values()]
}

function printSizes(): void {
  const manifest = JSON.parse(readFileSync(join(PROD_DIR, 'manifest.json'), 'utf8')) as {
    action?: { default_popup?: string }
    side_panel?: { default_path?: string }
    options_ui?: { page?: string }
    background?: { service_worker?: string }
    content_scripts?: { js?: string[]; css?: string[] }[]
  }
  const entries: [string, Asset[]][] = []
  const html = (label: string, page: string | undefined) => page && entries.push([`${label} (${page})`, pageAssets(page)])
  html('popup', manifest.action?.default_popup)
  html('side panel', manifest.side_panel?.default_path)
  html('options', manifest.options_ui?.page)
  if (manifest.background?.service_worker) {
    const seen = new Map<string, Asset>()
    jsClosure(manifest.background.service_worker, seen)
    entries.push([`background (${manifest.background.service_worker})`, [...seen.values()]])
  }
  for (const script of manifest.content_scripts ?? []) {
    const seen = new Map<string, Asset>()
    for (const js of script.js ?? []) {
      jsClosure(js, seen)
      // WXT's shadow-root UIs fetch their stylesheet at run time, next to the script.
      const css = js.replace(/\.js$/, '.css')
      if (existsSync(join(PROD_DIR, css)) && !seen.has(css)) seen.set(css, sizeOf(css, false))
    }
    for (const css of script.css ?? []) seen.set(css, sizeOf(css, false))
    entries.push([`content script (${(script.js ?? []).join(', ')})`, [...seen.values()]])
  }

  const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(6)} kB`
  console.log('\nBuilt sizes (production build, extension/.output/chrome-mv3; gzip -9)')
  for (const [label, assets] of entries) {
    const eager = assets.filter((a) => !a.lazy)
    const total = eager.reduce((s, a) => s + a.gzip, 0)
    const raw = eager.reduce((s, a) => s + a.raw, 0)
    console.log(`  ${label.padEnd(52)} ${kb(total)} gzip  (${kb(raw)} raw)`)
    for (const a of assets) console.log(`      ${(a.path + (a.lazy ? ' (lazy)' : '')).padEnd(48)} ${kb(a.gzip)} gzip  (${kb(a.raw)} raw)`)
  }
}

// --- Time to the newest row ------------------------------------------------------------------------

/**
 * Runs in every page before its own scripts: records when the row of `newestId` (or, before it is
 * known, any list row) enters the DOM (the first paint's or the app's, whichever comes first), when
 * the app's own row does, and when the popup's own UI first does (its first render).
 */
function recordNewestRow(newestId: string | null) {
  const w = window as unknown as { __firstRowAt?: number; __firstRenderAt?: number; __appRowAt?: number }
  const row = newestId ? `[data-testid="row"][data-id="${CSS.escape(newestId)}"]` : '[data-testid="row"]'
  const check = () => {
    if (w.__firstRenderAt === undefined && document.querySelector('#app > *')) w.__firstRenderAt = performance.now()
    if (w.__firstRowAt === undefined && document.querySelector(row)) w.__firstRowAt = performance.now()
    // The same row drawn by the app itself (not the first paint before it): what the first paint saves.
    if (w.__appRowAt === undefined && document.querySelector(`#app ${row}`)) {
      w.__appRowAt = performance.now()
      observer.disconnect()
    }
  }
  const observer = new MutationObserver(check)
  observer.observe(document, { childList: true, subtree: true })
}

/** The popup's own marks (popup-first-paint.ts, popup/main.tsx): where the time to the first row goes. */
const MARKS = { script: 'first-paint:start', read: 'first-paint:read', painted: 'first-paint:painted', module: 'app:module' } as const
type Marks = Record<keyof typeof MARKS, number | null>

/** Navigation Timing's points before the page's code (ms on the page's clock) and each subresource's Resource Timing. */
type Loaded = {
  nav: { fetchStart: number; responseStart: number; responseEnd: number; domInteractive: number }
  resources: { path: string; startTime: number; responseEnd: number; renderBlocking: string }[]
}

type Open = { firstRow: number; appRow: number; firstRender: number; firstContentfulPaint: number; domContentLoaded: number; marks: Marks } & Loaded

/** Runs in the page: where its time went before any of its code ran (Navigation and Resource Timing). */
function loadedTimings(): Loaded {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
  const resources = (performance.getEntriesByType('resource') as (PerformanceResourceTiming & { renderBlockingStatus?: string })[]).map((r) => ({
    path: new URL(r.name).pathname,
    startTime: r.startTime,
    responseEnd: r.responseEnd,
    renderBlocking: r.renderBlockingStatus ?? 'unknown',
  }))
  return { nav: { fetchStart: nav.fetchStart, responseStart: nav.responseStart, responseEnd: nav.responseEnd, domInteractive: nav.domInteractive }, resources }
}

async function openPopupUntilRows(browser: ExtensionBrowser): Promise<Open> {
  const page = await browser.context.newPage()
  try {
    await page.setViewportSize({ width: 400, height: 600 })
    await page.goto(browser.pageUrl('popup.html'))
    await page.waitForFunction(() => (window as unknown as { __appRowAt?: number }).__appRowAt !== undefined, null, { timeout: TIMEOUT })
    // The frame that first showed anything (the first paint's rows, when kept): Chromium's own paint timing.
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: TIMEOUT })
    const rows = await page.locator('[data-testid="row"]').count()
    if (rows !== POPUP_PAGE) throw new Error(`expected ${POPUP_PAGE} rows, saw ${rows}`)
    const loaded = await page.evaluate(loadedTimings)
    const timed = await page.evaluate((names) => ({
      marks: Object.fromEntries(Object.entries(names).map(([key, name]) => [key, performance.getEntriesByName(name, 'mark')[0]?.startTime ?? null])) as Marks,
      firstRow: (window as unknown as { __firstRowAt: number }).__firstRowAt,
      appRow: (window as unknown as { __appRowAt: number }).__appRowAt,
      firstRender: (window as unknown as { __firstRenderAt: number }).__firstRenderAt,
      firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]!.startTime,
      domContentLoaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
    }), MARKS)
    return { ...loaded, ...timed }
  } finally {
    await page.close()
  }
}

// --- The floor: what Chrome costs before any extension page's code ----------------------------------

/**
 * Three pages added to a copy of the production build (never shipped): a one-line script; popup.html's
 * head without its scripts; and that head with the popup's rows as static HTML. Their times to script and
 * to first contentful paint are the floors: what any extension page costs before its code runs, and what
 * showing the same pixels costs with no code at all.
 */
const FLOOR_MARK = 'floor:script'
const FLOOR_PAGES = { blank: 'blank.html', withLinks: 'blank-with-css.html', screen: 'static-screen.html' } as const
// One line of text before the script: the page's first contentful paint is the floor of the popup's.
const FLOOR_SCRIPT = '<p>IDV Lens</p><script src="/floor-script.js"></script>'

/** popup.html's head without its scripts: its <link>s and <style>s, whatever the build puts there (read once the build is done). */
let headLinks: string | undefined
function popupHeadLinks(): string {
  if (headLinks === undefined) {
    const popupHead = /<head>([\s\S]*)<\/head>/.exec(readFileSync(join(PROD_DIR, 'popup.html'), 'utf8'))?.[1] ?? ''
    headLinks = popupHead.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
  }
  return headLinks
}

async function floorCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'idv-lens-popup-floor-'))
  await cp(PROD_DIR, dir, { recursive: true })
  await writeFile(join(dir, 'floor-script.js'), `performance.mark(${JSON.stringify(FLOOR_MARK)})\n`)
  await writeFile(join(dir, FLOOR_PAGES.blank), `<!doctype html>${FLOOR_SCRIPT}\n`)
  await writeFile(join(dir, FLOOR_PAGES.withLinks), `<!doctype html><head>${popupHeadLinks()}</head><body>${FLOOR_SCRIPT}</body>\n`)
  return dir
}

/** The popup's screen as the app shows it (its rows), saved as a static page of the copy. */
async function writeStaticScreen(browser: ExtensionBrowser, dir: string): Promise<void> {
  const page = await browser.context.newPage()
  try {
    await page.setViewportSize({ width: 400, height: 600 })
    await page.goto(browser.pageUrl('popup.html'))
    await page.waitForFunction(() => document.querySelector('#app [data-testid="row"]') !== null && document.documentElement.dataset.appShown !== undefined, null, { timeout: TIMEOUT })
    const screen = await page.evaluate(() => document.getElementById('app')!.innerHTML)
    await writeFile(join(dir, FLOOR_PAGES.screen), `<!doctype html><head>${popupHeadLinks()}</head><body><div id="app">${screen}</div>${FLOOR_SCRIPT}</body>\n`)
  } finally {
    await page.close()
  }
}

type FloorOpen = { script: number; firstContentfulPaint: number; domContentLoaded: number } & Loaded

async function openFloorPage(browser: ExtensionBrowser, page: string): Promise<FloorOpen> {
  const tab = await browser.context.newPage()
  try {
    await tab.setViewportSize({ width: 400, height: 600 })
    await tab.goto(browser.pageUrl(page))
    await tab.waitForFunction((mark) => performance.getEntriesByName(mark, 'mark').length > 0, FLOOR_MARK, { timeout: TIMEOUT })
    await tab.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: TIMEOUT })
    const loaded = await tab.evaluate(loadedTimings)
    const timed = await tab.evaluate((mark) => ({
      script: performance.getEntriesByName(mark, 'mark')[0]!.startTime,
      firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]!.startTime,
      domContentLoaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
    }), FLOOR_MARK)
    return { ...loaded, ...timed }
  } finally {
    await tab.close()
  }
}

/** The relay's answer to the popup's first list call, straight over loopback: its time and its newest session. */
async function relayAnswer(relayUrl: string): Promise<{ ms: number; newestId: string }> {
  const t0 = performance.now()
  const res = await fetch(`${relayUrl}/v1/persona/inquiry-sessions?page%5Bsize%5D=${POPUP_PAGE}`, { headers: { authorization: `Bearer ${DEMO.agentToken}` } })
  const body = (await res.json()) as { data: { id: string }[] }
  const ms = performance.now() - t0
  if (!res.ok || !body.data[0]) throw new Error(`relay answered ${res.status} without sessions`)
  return { ms, newestId: body.data[0].id }
}

// --- Run -----------------------------------------------------------------------------------------

buildExtension('production')

const profile = await mkdtemp(join(tmpdir(), 'idv-lens-popup-bench-'))
// Every page, the popup's too, is opened from the copy (the same files plus the floor's two pages).
const extensionDir = await floorCopy()
let newestId: string | null = null
const launch = async () => {
  const browser = await launchWithExtension({ extensionDir, userDataDir: profile })
  await browser.context.addInitScript(recordNewestRow, newestId)
  return browser
}
const upstream = await startDemoUpstream()
const first: Open[] = []
const later: Open[] = []
const floorFirst: Record<keyof typeof FLOOR_PAGES, FloorOpen[]> = { blank: [], withLinks: [], screen: [] }
const floorLater: Record<keyof typeof FLOOR_PAGES, FloorOpen[]> = { blank: [], withLinks: [], screen: [] }
const managedReads: number[] = []
const relayTimes: number[] = []
let chromium = ''
let relay: Awaited<ReturnType<typeof startRelay>> | null = null
try {
  // Set up once: the production build has no manifest key, so its origin (for the relay's CORS) is
  // only known once loaded; it stays the same across restarts (same directory, same profile).
  const setup = await launch()
  try {
    chromium = await setup.background.evaluate(() => /Chrom(?:e|ium)\/[\d.]+/.exec(navigator.userAgent)?.[0] ?? navigator.userAgent)
    relay = await startRelay({ personaBase: upstream.personaBase, deepidvBase: upstream.deepidvBase, allowedOrigins: [`chrome-extension://${setup.extensionId}`] })
    await setup.setSettings({ workerUrl: relay.url, agentToken: DEMO.agentToken })
    newestId = (await relayAnswer(relay.url)).newestId
    // One open, so Chromium has compiled the popup's scripts once (its code cache lives in the profile).
    await openPopupUntilRows(setup)
    await writeStaticScreen(setup, extensionDir)
    for (const page of Object.values(FLOOR_PAGES)) await openFloorPage(setup, page)
  } finally {
    await setup.close()
  }

  for (let round = 0; round < ROUNDS; round++) {
    const browser = await launch()
    try {
      // The popup first, at once; the first managed-storage read of this browser start timed alongside.
      const managed = browser.background.evaluate(async () => {
        const t0 = performance.now()
        await chrome.storage.managed.get(null).catch(() => null)
        return performance.now() - t0
      })
      first.push(await openPopupUntilRows(browser))
      managedReads.push(await managed)
      for (let i = 0; i < LATER_OPENS; i++) {
        later.push(await openPopupUntilRows(browser))
        for (const [key, page] of Object.entries(FLOOR_PAGES) as [keyof typeof FLOOR_PAGES, string][]) floorLater[key].push(await openFloorPage(browser, page))
      }
      relayTimes.push((await relayAnswer(relay!.url)).ms)
    } finally {
      await browser.close()
    }
    // The floor's first opens: a browser start of their own each, that page opened first.
    for (const [key, page] of Object.entries(FLOOR_PAGES) as [keyof typeof FLOOR_PAGES, string][]) {
      const floorBrowser = await launch()
      try {
        floorFirst[key].push(await openFloorPage(floorBrowser, page))
      } finally {
        await floorBrowser.close()
      }
    }
  }
} finally {
  await relay?.stop()
  await upstream.stop()
  await rm(profile, { recursive: true, force: true })
  await rm(extensionDir, { recursive: true, force: true })
}

const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`
const line = (label: string, samples: number[]) =>
  `  ${label.padEnd(44)} median ${ms(percentile(samples, 50))}   p90 ${ms(percentile(samples, 90))}   (${samples.length} samples, max ${ms(Math.max(...samples))})`
console.log(`\nPopup benchmark: opening the popup page → the newest session's ID in its DOM (${chromium}, production build, no policy set)`)
console.log(line('first open after a browser start (goal ≤ 300)', first.map((o) => o.firstRow)))
console.log(line('later opens (goal ≤ 100)', later.map((o) => o.firstRow)))
console.log(line('  the frame that shows it (first contentful paint), first open', first.map((o) => o.firstContentfulPaint)))
console.log(line('  the frame that shows it (first contentful paint), later', later.map((o) => o.firstContentfulPaint)))
console.log('  baselines, same run:')
console.log(line('  popup page DOMContentLoaded, first open', first.map((o) => o.domContentLoaded)))
console.log(line('  popup page DOMContentLoaded, later opens', later.map((o) => o.domContentLoaded)))
console.log(line("  the app's own row (no first paint), first open", first.map((o) => o.appRow)))
console.log(line("  the app's own row (no first paint), later opens", later.map((o) => o.appRow)))
console.log(line("  popup's first render, first open", first.map((o) => o.firstRender)))
console.log(line("  popup's first render, later opens", later.map((o) => o.firstRender)))
console.log('  where the time goes (the popup\'s own marks, same clock; a mark missing from an open is left out):')
for (const [key, label] of [['script', 'first script runs'], ['read', 'kept first screen read'], ['painted', 'first paint drawn'], ['module', "app's module evaluated"]] as const) {
  for (const [when, opens] of [['first open', first], ['later opens', later]] as const) {
    const samples = opens.map((o) => o.marks[key]).filter((v): v is number => v !== null)
    if (samples.length > 0) console.log(line(`  ${label}, ${when}`, samples))
  }
}
console.log('  the floor, same rounds (a copy of the build plus two pages of one script each; time origin → that script):')
for (const [key, label] of [['blank', 'blank.html'], ['withLinks', "blank-with-css.html (popup.html's head)"], ['screen', "static-screen.html (that head, the popup's rows)"]] as const) {
  console.log(line(`  ${label}, first open`, floorFirst[key].map((o) => o.script)))
  console.log(line(`  ${label}, later opens`, floorLater[key].map((o) => o.script)))
  console.log(line(`  ${label}, first contentful paint, first open`, floorFirst[key].map((o) => o.firstContentfulPaint)))
  console.log(line(`  ${label}, first contentful paint, later`, floorLater[key].map((o) => o.firstContentfulPaint)))
}
console.log("  before any code runs (Navigation and Resource Timing, same clock; 'blocking' = renderBlockingStatus):")
const navLines = (label: string, opens: Loaded[]) => {
  for (const point of ['fetchStart', 'responseStart', 'responseEnd', 'domInteractive'] as const) console.log(line(`  ${label}: ${point}`, opens.map((o) => o.nav[point])))
  const paths = [...new Set(opens.flatMap((o) => o.resources.map((r) => r.path)))]
  if (paths.length === 0) console.log(`    ${label}: no Resource Timing entries (Chromium reports none for chrome-extension:// subresources)`)
  for (const path of paths) {
    const seen = opens.flatMap((o) => o.resources.filter((r) => r.path === path))
    const blocking = [...new Set(seen.map((r) => r.renderBlocking))].join('/')
    console.log(line(`  ${label}: ${path} (${blocking}) start`, seen.map((r) => r.startTime)))
    console.log(line(`  ${label}: ${path} loaded`, seen.map((r) => r.responseEnd)))
  }
}
navLines('popup, first open', first)
navLines('popup, later', later)
navLines('blank, first open', floorFirst.blank)
navLines('blank, later', floorLater.blank)
navLines('with links, later', floorLater.withLinks)
console.log(line('  relay answer to the same list (loopback)', relayTimes))
console.log(line('  first storage.managed read after start', managedReads))
printSizes()
