/**
 * Popup benchmark: real Chromium, the production build, the relay under wrangler dev. Times time origin →
 * the frame that first shows the newest inquiry's row, beside floors opened in turn in the same rounds:
 * the newest ID as plain text (the goal's), the popup's first screen without script or style sheet, and
 * that ID written by a tiny script (constant, or read from localStorage as the popup's first paint does).
 *   node bench/popup-bench.ts  (BENCH_ROUNDS=20, BENCH_LATER_OPENS=3; BENCH_EXTENSION_DIR=<a production
 *   build made elsewhere> times that build instead of building one; BENCH_OPEN=action: see openAsPopup)
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { readFileSync, existsSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, posix } from 'node:path'
import { gzipSync } from 'node:zlib'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { buildExtension } from '../harness/build-extension.ts'
import { REPO_ROOT, DEMO, startDemoUpstream, startRelay } from '../harness/stack.ts'
import { percentile } from './load.ts'
import { LAST_LIST_STORAGE_KEY } from '../../extension/src/lib/last-list.ts'
import { FIRST_PAINT_STORAGE_KEY } from '../../extension/src/lib/first-paint-key.ts'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20)
const LATER_OPENS = Number(process.env.BENCH_LATER_OPENS ?? 3)
const POPUP_PAGE = 10
const PROD_DIR = process.env.BENCH_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/chrome-mv3')
const TIMEOUT = 30_000
/** The floors: added to a copy of the build (never shipped). */
const STATIC_PAGE = 'static-screen.html'
const STATIC_ID = 'static-id.html'
const SCRIPT_ID = 'script-id.html'
const STORAGE_ID = 'storage-id.html'
/** Later opens: the ratio of medians to the ID's floor; the first open after a browser start: its median. */
const GOALS = { later: 1.1, firstMs: 150 }
/** `tab`: each page in a tab of 400×600 (the default); `action`: as the toolbar's popup (openAsPopup). */
const OPEN_AS = process.env.BENCH_OPEN === 'action' ? 'action' : 'tab'
/** The extension APIs run in its pages and worker below (typed here for the checker). */
declare const chrome: {
  action: { setPopup(details: { popup: string }): Promise<void>; openPopup(): Promise<void> }
  extension: { getViews(filter: { type: 'popup' }): Window[] }
}
/** In action mode, the page whose tab the toolbar's popup opens over (an empty page of the extension). */
const OPENER = 'opener.html'

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
  for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{},\s]+?from\s*)?["']([^"']+\.js)["']/g))
    jsClosure(resolve(m[1]!), seen, lazy)
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
    if (!href || !rel) continue
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
  console.log(`\nBuilt sizes (production build with the bench hooks, ${PROD_DIR}; gzip -9; the store build is smaller: eager-size.test.ts)`)
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
 * Runs in every page before its own scripts: records when the row of `newestId` enters the DOM (the
 * first paint's or the app's, whichever comes first) and when the app's own row does; and, for a row
 * that came after the first contentful paint, when the next frame began (a requestAnimationFrame after it).
 */
function recordNewestRow(newestId: string | null) {
  const w = window as unknown as { __firstRowAt?: number; __rowFrameAt?: number; __appRowAt?: number }
  const row = newestId ? `[data-testid="row"][data-id="${CSS.escape(newestId)}"]` : '[data-testid="row"]'
  const check = () => {
    if (w.__firstRowAt === undefined && document.querySelector(row)) {
      w.__firstRowAt = performance.now()
      requestAnimationFrame(() => (w.__rowFrameAt = performance.now()))
    }
    // The same row drawn by the app itself (not the first paint before it): what the first paint saves.
    if (w.__appRowAt === undefined && document.querySelector(`#app ${row}`)) {
      w.__appRowAt = performance.now()
      observer.disconnect()
    }
  }
  const observer = new MutationObserver(check)
  observer.observe(document, { childList: true, subtree: true })
  check()
}

/** The popup's own marks (popup-first-paint.ts, popup/main.tsx): where the time to the first row goes. */
const MARKS = { script: 'first-paint:start', read: 'first-paint:read', painted: 'first-paint:painted', module: 'app:module' } as const
type Marks = Record<keyof typeof MARKS, number | null>

/**
 * One open: `shown` is the frame that first showed the newest row: the first contentful paint when the
 * row was in the DOM by then (`byPaint`), else the frame after the row came.
 */
type Open = { shown: number; byPaint: boolean; firstRow: number; appRow: number | null; marks: Marks; load: LoadTimes; fromClick?: number }

/** The page's own load, from navigation timing: its HTML in, and parsed (DOMContentLoaded). */
type LoadTimes = { htmlIn: number; parsed: number }

const openUntilShown = (browser: ExtensionBrowser, path: string, app: boolean): Promise<Open> =>
  OPEN_AS === 'action' ? openAsPopup(browser, path, app) : openInTab(browser, path, app)

async function openInTab(browser: ExtensionBrowser, path: string, app: boolean): Promise<Open> {
  const page = await browser.context.newPage()
  try {
    await page.setViewportSize({ width: 400, height: 600 })
    await page.goto(browser.pageUrl(path))
    if (app)
      await page.waitForFunction(() => (window as unknown as { __appRowAt?: number }).__appRowAt !== undefined, null, { timeout: TIMEOUT })
    await page.waitForFunction(
      () =>
        performance.getEntriesByName('first-contentful-paint').length > 0 &&
        (window as unknown as { __rowFrameAt?: number }).__rowFrameAt !== undefined,
      null,
      { timeout: TIMEOUT },
    )
    const rows = await page.locator('[data-testid="row"]').count()
    const expected = app || path === STATIC_PAGE ? POPUP_PAGE : 1
    if (rows !== expected) throw new Error(`${path}: expected ${expected} rows, saw ${rows}`)
    return await page.evaluate((names) => {
      const w = window as unknown as { __firstRowAt: number; __rowFrameAt: number; __appRowAt?: number }
      const paint = performance.getEntriesByName('first-contentful-paint')[0]!.startTime
      const byPaint = w.__firstRowAt <= paint
      return {
        shown: byPaint ? paint : w.__rowFrameAt,
        byPaint,
        firstRow: w.__firstRowAt,
        appRow: w.__appRowAt ?? null,
        marks: Object.fromEntries(
          Object.entries(names).map(([key, name]) => [key, performance.getEntriesByName(name, 'mark')[0]?.startTime ?? null]),
        ) as Marks,
        load: {
          htmlIn: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd,
          parsed: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart,
        },
      }
    }, MARKS)
  } finally {
    await page.close()
  }
}

/**
 * Opens `path` as the toolbar's popup, as a click does (chrome.action.setPopup, then openPopup, from
 * the service worker, over an empty page of the extension): Chrome shows a popup once its document
 * has loaded and sizes it to its content, which a tab does not. Playwright does not attach to the
 * popup: the opener reads it (extension.getViews) every 5 ms, so a row drawn after the first
 * contentful paint counts from when it was seen; `fromClick` adds openPopup → the popup's time origin.
 */
async function openAsPopup(browser: ExtensionBrowser, path: string, app: boolean): Promise<Open> {
  const opener = await browser.context.newPage()
  try {
    await opener.goto(browser.pageUrl(OPENER))
    const clickedAt = await browser.background.evaluate(async (popup) => {
      await chrome.action.setPopup({ popup })
      const at = performance.timeOrigin + performance.now()
      await chrome.action.openPopup()
      return at
    }, path)
    const seen = await opener.waitForFunction(readPopup, { newestId, app, names: MARKS }, { timeout: TIMEOUT, polling: 5 })
    const open = (await seen.jsonValue())!
    return { ...open, fromClick: open.origin - clickedAt + open.shown }
  } finally {
    await opener.evaluate(() => chrome.extension.getViews({ type: 'popup' })[0]?.close()).catch(() => {})
    await opener.close()
  }
}

/** Runs in the opener: the popup's open once it has painted the newest row (and the app its own), else null. */
function readPopup({ newestId, app, names }: { newestId: string | null; app: boolean; names: typeof MARKS }) {
  const view = chrome.extension.getViews({ type: 'popup' })[0] as (Window & typeof globalThis) | undefined
  const w = window as unknown as { __rowSeenAt?: number }
  if (!view) return null
  const row = `[data-testid="row"]${newestId ? `[data-id="${CSS.escape(newestId)}"]` : ''}`
  if (w.__rowSeenAt === undefined && view.document.querySelector(row)) w.__rowSeenAt = view.performance.now()
  const paint = view.performance.getEntriesByName('first-contentful-paint')[0]?.startTime
  const nav = view.performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
  const appRow = view.document.querySelector(`#app ${row}`) ? view.performance.now() : null
  if (paint === undefined || !nav || w.__rowSeenAt === undefined || (app && appRow === null)) return null
  const mark = (name: string) => view.performance.getEntriesByName(name, 'mark')[0]?.startTime ?? null
  const marks = Object.fromEntries(Object.entries(names).map(([key, name]) => [key, mark(name)])) as Marks
  const byPaint = (marks.painted ?? (app ? Infinity : 0)) <= paint
  const firstRow = marks.painted ?? w.__rowSeenAt
  delete w.__rowSeenAt
  return {
    shown: byPaint ? paint : Math.max(paint, firstRow),
    byPaint,
    firstRow,
    appRow,
    marks,
    load: { htmlIn: nav.responseEnd, parsed: nav.domContentLoadedEventStart },
    origin: view.performance.timeOrigin,
  }
}

// --- The floor: the same first screen as a static page ---------------------------------------------

/**
 * The popup's first screen as it drew it (its markup once the page has parsed, before the app takes
 * over), saved as a static page of the copy: the same text and elements, no script, no style sheet.
 */
async function writeStaticScreen(browser: ExtensionBrowser, dir: string): Promise<void> {
  const page = await browser.context.newPage()
  try {
    await page.addInitScript(() =>
      document.addEventListener(
        'DOMContentLoaded',
        () => ((window as unknown as { __screen?: string }).__screen = document.getElementById('first-paint')?.innerHTML ?? ''),
      ),
    )
    await page.goto(browser.pageUrl('popup.html'))
    await page.waitForFunction(() => (window as unknown as { __screen?: string }).__screen !== undefined, null, { timeout: TIMEOUT })
    const screen = await page.evaluate(() => (window as unknown as { __screen: string }).__screen)
    if (!screen.includes('data-testid="row"')) throw new Error('the popup drew no kept first screen to copy')
    const lang = await page.evaluate(() => document.documentElement.lang)
    await writeFile(
      join(dir, STATIC_PAGE),
      `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>IDV Lens</title></head><body>${screen}</body></html>\n`,
    )
  } finally {
    await page.close()
  }
}

/** The issue's floor: the newest ID as plain text, nothing else. */
const writeStaticId = (dir: string, id: string) =>
  writeFile(
    join(dir, STATIC_ID),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>IDV Lens</title></head><body><p data-testid="row" data-id="${id}">${id}</p></body></html>\n`,
  )

/**
 * The platform's share of the gap: the same ID written by a tiny classic script, as the popup's is
 * (a constant, so the page pays only for having a script), and read first from localStorage as the
 * popup's first paint reads its kept screen.
 */
async function writeScriptedIds(dir: string, id: string): Promise<void> {
  const page = (script: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>IDV Lens</title></head><body><script src="/${script}"></script></body></html>\n`
  const writeRow = ['const row = document.createElement("p")', 'row.dataset.testid = "row"', 'row.dataset.id = id', 'row.textContent = id']
  const script = (readId: string[]) => `{\n${[...readId, ...writeRow, 'document.body.append(row)'].map((l) => `  ${l}\n`).join('')}}\n`
  await writeFile(join(dir, 'script-id.js'), script([`const id = ${JSON.stringify(id)}`]))
  await writeFile(join(dir, SCRIPT_ID), page('script-id.js'))
  // The popup's first paint reads the last list's key, then the kept screen: the same two reads.
  const readKept = [
    `localStorage.getItem(${JSON.stringify(LAST_LIST_STORAGE_KEY)})`,
    `const kept = JSON.parse(localStorage.getItem(${JSON.stringify(FIRST_PAINT_STORAGE_KEY)}) ?? "null")`,
    'const id = kept?.items?.[0]?.id ?? ""',
  ]
  await writeFile(join(dir, 'storage-id.js'), script(readKept))
  await writeFile(join(dir, STORAGE_ID), page('storage-id.js'))
}

/** The relay's answer to the popup's first list call, straight over loopback: its newest inquiry (the popup opens on its inquiries). */
async function newestInquiry(relayUrl: string): Promise<string> {
  const res = await fetch(`${relayUrl}/v1/persona/inquiries?page%5Bsize%5D=${POPUP_PAGE}`, {
    headers: { authorization: `Bearer ${DEMO.agentToken}` },
  })
  const body = (await res.json()) as { data: { id: string }[] }
  if (!res.ok || !body.data[0]) throw new Error(`relay answered ${res.status} without inquiries`)
  return body.data[0].id
}

/** `items` from the `by`-th on, then the ones before: each comes first in turn. */
const rotated = <T>(items: readonly T[], by: number): T[] => items.map((_, i) => items[(i + by) % items.length]!)

// --- Run -----------------------------------------------------------------------------------------

if (!process.env.BENCH_EXTENSION_DIR) await buildExtension('production')

const profile = await mkdtemp(join(tmpdir(), 'idv-lens-popup-bench-'))
// Every page is opened from one copy of the build (its files plus the floors).
const extensionDir = await mkdtemp(join(tmpdir(), 'idv-lens-popup-floor-'))
await cp(PROD_DIR, extensionDir, { recursive: true })
await writeFile(
  join(extensionDir, OPENER),
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>IDV Lens</title></head></html>\n',
)
let newestId: string | null = null
const launch = async () => {
  const browser = await launchWithExtension({ extensionDir, userDataDir: profile })
  await browser.context.addInitScript(recordNewestRow, newestId)
  return browser
}
const popup = { first: [] as Open[], later: [] as Open[] }
/** A floor's opens; `vs` names it in the line of the popup's ratio to it. */
type Floor = { path: string; label: string; vs: string; first: Open[]; later: Open[] }
const floorOf = (path: string, label: string, vs: string): Floor => ({ path, label, vs, first: [], later: [] })
const idFloor = floorOf(STATIC_ID, 'the newest ID as plain text', 'the ID as plain text')
const screenFloor = floorOf(STATIC_PAGE, 'same screen, no script, no style sheet', 'the same screen')
const scriptFloor = floorOf(SCRIPT_ID, 'a tiny script writes the ID', 'the ID by a script')
const storageFloor = floorOf(STORAGE_ID, 'the same, read from localStorage', 'the ID from localStorage')
/** In the order printed. */
const floors = [idFloor, screenFloor, scriptFloor, storageFloor]
/** The machine's 1-minute load average before each round and after the last (other work on it moves every figure). */
const loads: number[] = []
let chromium = ''
const upstream = await startDemoUpstream()
let relay: Awaited<ReturnType<typeof startRelay>> | null = null
try {
  // Set up once: the production build has no manifest key, so its origin (for the relay's CORS) is
  // only known once loaded; it stays the same across restarts (same directory, same profile).
  const setup = await launch()
  try {
    chromium = await setup.background.evaluate(() => /Chrom(?:e|ium)\/[\d.]+/.exec(navigator.userAgent)?.[0] ?? navigator.userAgent)
    relay = await startRelay({
      personaBase: upstream.personaBase,
      deepidvBase: upstream.deepidvBase,
      allowedOrigins: [`chrome-extension://${setup.extensionId}`],
    })
    await setup.setSettings({ workerUrl: relay.url, agentToken: DEMO.agentToken })
    newestId = await newestInquiry(relay.url)
    // One open keeps the first screen; the next ones compile the pages' scripts into the profile's code cache.
    await openUntilShown(setup, 'popup.html', true)
    await writeStaticScreen(setup, extensionDir)
    await writeStaticId(extensionDir, newestId)
    await writeScriptedIds(extensionDir, newestId)
    await openUntilShown(setup, 'popup.html', true)
    for (const { path } of floors) await openUntilShown(setup, path, false)
  } finally {
    await setup.close()
  }

  // Each round: a browser start that opens the popup first, and one for each floor; in turn which
  // comes first, so that a drift of the machine's load falls on all alike.
  const floorStart = (path: string, into: Open[]) => async () => {
    const browser = await launch()
    try {
      into.push(await openUntilShown(browser, path, false))
    } finally {
      await browser.close()
    }
  }
  const popupStart = (round: number) => async () => {
    const browser = await launch()
    try {
      popup.first.push(await openUntilShown(browser, 'popup.html', true))
      for (let i = 0; i < LATER_OPENS; i++) {
        const later = [
          async () => popup.later.push(await openUntilShown(browser, 'popup.html', true)),
          ...floors.map((floor) => async () => floor.later.push(await openUntilShown(browser, floor.path, false))),
        ]
        for (const open of rotated(later, round + i)) await open()
      }
    } finally {
      await browser.close()
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    loads.push(loadavg()[0]!)
    const starts = [popupStart(round), ...floors.map(({ path, first }) => floorStart(path, first))]
    for (const start of rotated(starts, round)) await start()
  }
  loads.push(loadavg()[0]!)
} finally {
  await relay?.stop()
  await upstream.stop()
  await rm(profile, { recursive: true, force: true })
  await rm(extensionDir, { recursive: true, force: true })
}

const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`
const stats = (samples: number[]) => `median ${ms(percentile(samples, 50))}   p90 ${ms(percentile(samples, 90))}`
const line = (label: string, samples: number[]) =>
  `  ${label.padEnd(50)} ${stats(samples)}   (${samples.length} samples, max ${ms(Math.max(...samples))})`
const ratio = (ours: number[], theirs: number[], p: number) => percentile(ours, p) / percentile(theirs, p)
const shown = (opens: Open[]) => opens.map((o) => o.shown)

/** The popup's gap to the ID as plain text, and how much of it a page pays only for having a script. */
function gapLine(key: 'first' | 'later'): string {
  const median = (opens: Open[]) => percentile(shown(opens), 50)
  const base = median(idFloor[key])
  const gap = median(popup[key]) - base
  const paid = ({ path, [key]: opens }: Floor) => {
    const own = median(opens) - base
    return `${path} ${own >= 0 ? '+' : ''}${own.toFixed(1)} ms (${((own / gap) * 100).toFixed(0)} %)`
  }
  return `  ${"the popup's gap to the ID as plain text".padEnd(50)} ${ms(gap)}   of it, paid as well by ${paid(scriptFloor)}, ${paid(storageFloor)}`
}

const [load1, load5, load15] = loadavg()
const opened = OPEN_AS === 'action' ? "as the toolbar's popup (action.openPopup)" : 'each in a tab of 400×600'
console.log(`\nPopup benchmark: time origin → the frame that shows the newest inquiry's row (${chromium}, production build, no policy set)`)
console.log(`  every page opened ${opened}`)
console.log(
  `  load average (1 min) before each round: median ${percentile(loads, 50).toFixed(2)}, min ${Math.min(...loads).toFixed(2)}, max ${Math.max(...loads).toFixed(2)}; at the end ${load1!.toFixed(2)} ${load5!.toFixed(2)} ${load15!.toFixed(2)} (1, 5, 15 min)`,
)
for (const [when, key] of [
  ['later opens', 'later'],
  ['first open after a browser start', 'first'],
] as const) {
  const ours = shown(popup[key])
  const late = popup[key].filter((o) => !o.byPaint).length
  const goal = key === 'later' ? `goal ≤ ${GOALS.later} ×` : `goal: the popup's median ≤ ${GOALS.firstMs} ms`
  console.log(`  ${when}:`)
  console.log(line('popup.html', ours))
  for (const { path, label, [key]: opens } of floors) console.log(line(`${path} (${label})`, shown(opens)))
  for (const floor of floors) {
    const times = `${ratio(ours, shown(floor[key]), 50).toFixed(2).padStart(7)} ×${floor === idFloor ? `   (${goal})` : ''}`
    console.log(`  ${`ratio of medians to ${floor.vs}`.padEnd(50)} ${times}`)
  }
  console.log(gapLine(key))
  for (const [label, opens] of [
    ['popup.html', popup[key]],
    ...[idFloor, scriptFloor, storageFloor].map(({ path, [key]: opens }) => [path, opens] as const),
  ] as const) {
    const clicks = opens.map((o) => o.fromClick).filter((v): v is number => v !== undefined)
    if (clicks.length > 0) console.log(line(`  ${label}: from the click (trigger) to that frame`, clicks))
  }
  if (late > 0)
    console.log(`    ${late} of ${ours.length} popup opens showed the row after their first contentful paint (timed to the frame after it)`)
}
console.log("  where the popup's time goes (its own marks, same clock; a mark missing from an open is left out):")
for (const [key, label] of [
  ['script', 'first script runs'],
  ['read', 'kept first screen read'],
  ['painted', 'first screen drawn'],
  ['module', "app's module evaluated"],
] as const) {
  for (const [when, opens] of [
    ['first open', popup.first],
    ['later opens', popup.later],
  ] as const) {
    const samples = opens.map((o) => o.marks[key]).filter((v): v is number => v !== null)
    if (samples.length > 0) console.log(line(`  ${label}, ${when}`, samples))
  }
}
for (const [label, opens] of [['popup.html', popup.later] as const, ...floors.map(({ path, later }) => [path, later] as const)]) {
  console.log(
    line(
      `  ${label}: its HTML in, later opens`,
      opens.map((o) => o.load.htmlIn),
    ),
  )
  console.log(
    line(
      `  ${label}: parsed (DOMContentLoaded), later opens`,
      opens.map((o) => o.load.parsed),
    ),
  )
}
for (const [when, opens] of [
  ['first open', popup.first],
  ['later opens', popup.later],
] as const) {
  console.log(
    line(
      `  the row in the DOM, ${when}`,
      opens.map((o) => o.firstRow),
    ),
  )
  const app = opens.map((o) => o.appRow).filter((v): v is number => v !== null)
  if (app.length > 0) console.log(line(`  the app's own row (the relay's answer), ${when}`, app))
}
printSizes()
