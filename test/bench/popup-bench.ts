/**
 * Popup benchmark: real Chromium with the production build (extension/.output/chrome-mv3), the real
 * relay under wrangler dev, the demo upstream behind it. Prints figures; asserts nothing about time
 * (shared machines are noisy: compare cold against warm, measured alternately in the same run).
 *
 * Time to first rows: from the popup page's navigation start (its performance.timeOrigin) until the
 * first list row is in the DOM, recorded in the page by a MutationObserver that an init script
 * installs before any of the extension's code runs. popup.html is opened as a tab (the same
 * document, code and messaging, without the window chrome Chrome draws around a popup), where
 * Playwright can install that script; the real toolbar popup is reachable only over raw CDP.
 *
 * Cold vs warm relay cache, and why this is honest:
 * - cold: every cold sample gets a relay process of its own, started with a `--persist-to` directory
 *   of its own (workerd's Cache API starts empty) and demo API keys of its own (the keys are part
 *   of the relay's cache namespace, so nothing any earlier process stored can match). Its isolate is
 *   started with /healthz before measuring, so the sample pays for the cache miss (relay → vendor →
 *   relay), not for wrangler booting the Worker.
 * - warm: the popup opened again on that same relay right after, well within the list TTL (20 s):
 *   the relay answers from its cache.
 * The demo upstream counts calls per API key (/__demo/stats), and the benchmark checks each cold
 * sample made exactly one vendor call and each warm sample none, so the labels are facts.
 * The demo upstream answers from memory on loopback, far faster than Persona over the internet;
 * BENCH_UPSTREAM_LATENCY_MS adds a fixed vendor latency (the demo upstream's latency fault) to see
 * the gap a real vendor would open.
 *
 * Also prints the gzip sizes of what each extension page loads, from the production build.
 *
 *   node bench/popup-bench.ts    (BENCH_ROUNDS=5, BENCH_WARM_PER_ROUND=3, BENCH_UPSTREAM_LATENCY_MS=0)
 */
import { readFileSync, existsSync } from 'node:fs'
import { join, posix } from 'node:path'
import { gzipSync } from 'node:zlib'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { buildExtension } from '../harness/build-extension.ts'
import { REPO_ROOT, DEMO, startDemoUpstream, startRelay } from '../harness/stack.ts'
import { percentile } from './load.ts'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const WARM_PER_ROUND = Number(process.env.BENCH_WARM_PER_ROUND ?? 3)
const UPSTREAM_LATENCY_MS = Number(process.env.BENCH_UPSTREAM_LATENCY_MS ?? 0)
const POPUP_PAGE = 10
const PROD_DIR = join(REPO_ROOT, 'extension/.output/chrome-mv3')
const TIMEOUT = 30_000

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
  for (const m of code.matchAll(/import\(\s*["']([^"']+\.js)["']\s*\)/g)) jsClosure(resolve(m[1]!), seen, true)
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
  console.log('\nBuilt sizes (production build, extension/.output/chrome-mv3; gzip -9)')
  for (const [label, assets] of entries) {
    const eager = assets.filter((a) => !a.lazy)
    const total = eager.reduce((s, a) => s + a.gzip, 0)
    const raw = eager.reduce((s, a) => s + a.raw, 0)
    console.log(`  ${label.padEnd(52)} ${kb(total)} gzip  (${kb(raw)} raw)`)
    for (const a of assets) console.log(`      ${(a.path + (a.lazy ? ' (lazy)' : '')).padEnd(48)} ${kb(a.gzip)} gzip  (${kb(a.raw)} raw)`)
  }
}

// --- Time to first rows --------------------------------------------------------------------------

/** Runs in every page before its own scripts: records when the first list row enters the DOM. */
function recordFirstRow() {
  const w = window as unknown as { __firstRowAt?: number }
  const check = () => {
    if (w.__firstRowAt === undefined && document.querySelector('[data-testid="row"]')) {
      w.__firstRowAt = performance.now()
      observer.disconnect()
    }
  }
  const observer = new MutationObserver(check)
  observer.observe(document, { childList: true, subtree: true })
}

async function openPopupUntilRows(browser: ExtensionBrowser): Promise<number> {
  const page = await browser.context.newPage()
  try {
    await page.setViewportSize({ width: 390, height: 600 })
    await page.goto(browser.pageUrl('popup.html'))
    await page.waitForFunction(() => (window as unknown as { __firstRowAt?: number }).__firstRowAt !== undefined, null, { timeout: TIMEOUT })
    const rows = await page.locator('[data-testid="row"]').count()
    if (rows !== POPUP_PAGE) throw new Error(`expected ${POPUP_PAGE} rows, saw ${rows}`)
    return await page.evaluate(() => (window as unknown as { __firstRowAt: number }).__firstRowAt)
  } finally {
    await page.close()
  }
}

// --- Run -----------------------------------------------------------------------------------------

buildExtension('production')

const upstream = await startDemoUpstream()
const browser = await launchWithExtension({ extensionDir: PROD_DIR })
const cold: number[] = []
const warm: number[] = []
let chromium = ''
try {
  chromium = await browser.background.evaluate(() => /Chrom(?:e|ium)\/[\d.]+/.exec(navigator.userAgent)?.[0] ?? navigator.userAgent)
  await browser.context.addInitScript(recordFirstRow)
  // The production build has no manifest key: its ID (so its origin) is only known once loaded.
  const origin = `chrome-extension://${browser.extensionId}`
  // One unmeasured open (no relay configured: it shows the set-up message), so Chromium has read and
  // compiled the popup's scripts once before the first sample, as it has for all the others.
  await browser.setSettings({ workerUrl: '', agentToken: '' })
  const first = await browser.context.newPage()
  await first.goto(browser.pageUrl('popup.html'))
  await first.getByTestId('error-not-configured').waitFor({ timeout: TIMEOUT })
  await first.close()

  const run = `${process.pid}_${Date.now().toString(36)}`
  for (let round = 0; round < ROUNDS; round++) {
    const personaKey = `persona_demo_popup_bench_${run}_${round}`
    const relay = await startRelay({
      personaBase: upstream.personaBase,
      deepidvBase: upstream.deepidvBase,
      personaKey,
      deepidvKey: `deepidv_demo_popup_bench_${run}_${round}`,
      allowedOrigins: [origin],
    })
    try {
      if (UPSTREAM_LATENCY_MS > 0) {
        await fetch(`${upstream.url}/__demo/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ scope: personaKey, provider: 'persona', fault: 'latency', latencyMs: UPSTREAM_LATENCY_MS }),
        })
      }
      // Start the Worker's isolate; /healthz touches no cache and no vendor.
      for (let i = 0; i < 3; i++) await (await fetch(`${relay.url}/healthz`)).arrayBuffer()
      await browser.setSettings({ workerUrl: relay.url, agentToken: DEMO.agentToken })

      const before = await upstream.personaCalls(personaKey)
      cold.push(await openPopupUntilRows(browser))
      const afterCold = await upstream.personaCalls(personaKey)
      if (afterCold - before !== 1) throw new Error(`cold sample made ${afterCold - before} vendor calls, expected 1`)
      for (let i = 0; i < WARM_PER_ROUND; i++) warm.push(await openPopupUntilRows(browser))
      const afterWarm = await upstream.personaCalls(personaKey)
      if (afterWarm !== afterCold) throw new Error(`warm samples made ${afterWarm - afterCold} vendor calls, expected none`)
    } finally {
      await relay.stop()
    }
  }
} finally {
  await browser.close()
  await upstream.stop()
}

const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`
const line = (label: string, samples: number[]) =>
  `  ${label.padEnd(30)} median ${ms(percentile(samples, 50))}   p90 ${ms(percentile(samples, 90))}   (${samples.length} samples, min ${ms(Math.min(...samples))}, max ${ms(Math.max(...samples))})`
console.log(`\nPopup benchmark: navigation start → first list rows in the DOM (${chromium}, production build)`)
console.log(`  vendor: demo upstream on 127.0.0.1${UPSTREAM_LATENCY_MS ? ` + ${UPSTREAM_LATENCY_MS} ms injected latency` : ', no added latency'}; ${ROUNDS} rounds of 1 cold + ${WARM_PER_ROUND} warm`)
console.log(line('cold relay cache (1 vendor call)', cold))
console.log(line('warm relay cache (0 vendor calls)', warm))
console.log(
  `  ratio cold/warm                median ${(percentile(cold, 50) / percentile(warm, 50)).toFixed(2)} ×   p90 ${(percentile(cold, 90) / percentile(warm, 90)).toFixed(2)} ×`,
)
printSizes()
