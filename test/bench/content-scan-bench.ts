/**
 * Inline-lookups scan benchmark: a generated ~5 MB ticket page with 500 IDs among decoys, in real
 * Chromium with the development build. Prints figures; asserts nothing about time (shared machines
 * are noisy: compare the scan against the baseline measured in the same page, in the same run).
 *
 * - time to first marks, and until the whole page is scanned (the content script's own clock,
 *   which shares the page's time origin);
 * - total scan time against one `matchAll` over the page's textContent;
 * - the longest main-thread task while the extension scanned (PerformanceObserver 'longtask',
 *   50 ms and up) and the longest slice the extension itself measured;
 * - time from a DOM mutation adding an ID to its mark.
 *
 * No relay: lookups fail fast as "not configured", so the figures are the page-side cost alone.
 */
import { join } from 'node:path'
import { buildExtension } from '../harness/build-extension.ts'
import { contentScriptWorld } from '../harness/isolated-world.ts'
import { pollUntil } from '../harness/poll.ts'
import { percentile } from './load.ts'
import { launchWithExtension } from '../harness/browser.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { startHelpdeskServer } from '../fixtures/helpdesk/serve.ts'

const TARGET_BYTES = Number(process.env.BENCH_PAGE_BYTES ?? 5 * 1024 * 1024)
const DISTINCT_IDS = 500
const MUTATION_ROUNDS = 7

// --- The page --------------------------------------------------------------------------------

function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const WORDS = 'the customer says verification failed again after uploading a passport photo please check status and reply soon thanks team'.split(' ')

function generatePage(): { html: string; ids: string[] } {
  const random = rng(0x1d5)
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!
  const suffix = (n: number) => Array.from({ length: n }, () => pick([...ALPHABET])).join('')
  const ids = Array.from({ length: DISTINCT_IDS }, (_, i) => `${['inq_', 'iqse_', 'evt_'][i % 3]}${suffix(i % 2 ? 24 : 28)}`)
  // Near misses the scanner must reject: too short, wrong case, glued to words, unknown prefixes, bare UUIDs (off here).
  const decoys = () =>
    pick([
      `inq_${suffix(6)}`,
      `INQ_${suffix(24)}`,
      `my_inq_${suffix(24)}`,
      `inq_${suffix(25)}`,
      `evt_${suffix(29)}`,
      `act_${suffix(24)}`,
      `iqs_${suffix(24)}`,
      `${suffix(8)}-${suffix(4)}`,
      'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
    ])
  const sentence = () => Array.from({ length: 12 }, () => (random() < 0.04 ? decoys() : pick(WORDS))).join(' ')

  const parts: string[] = []
  let bytes = 0
  let nextId = 0
  let comment = 0
  // About 1.1 kB per comment: place an ID every `step` comments so 600 placements (100 IDs twice) span the page.
  const step = Math.max(1, Math.floor(TARGET_BYTES / 1100 / (DISTINCT_IDS * 1.2)))
  while (bytes < TARGET_BYTES) {
    const paragraphs: string[] = []
    for (let p = 0; p < 6; p++) paragraphs.push(`<p>${sentence()} ${sentence()}</p>`)
    // Spread the 500 IDs (some twice) over the page, in the forms tickets use.
    const place = comment % step === 0 && nextId < DISTINCT_IDS * 1.2
    if (place) {
      const id = ids[nextId++ % DISTINCT_IDS]!
      const form = nextId % 5
      if (form === 0) paragraphs.push(`<pre><code>{"id": "${id}", "status": "failed"}</code></pre>`)
      else if (form === 1 && id.startsWith('inq_')) paragraphs.push(`<p><a href="https://app.withpersona.com/dashboard/inquiries/${id}">View inquiry</a></p>`)
      else paragraphs.push(`<p>Reference <b>${id}</b> from the app.</p>`)
    }
    const html = `<article class="comment" data-comment="${comment++}"><div class="author">Customer ${comment}</div>${paragraphs.join('')}</article>\n`
    parts.push(html)
    bytes += html.length
  }
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Bench ticket</title>
<style>body{font:14px/1.4 system-ui;margin:0 24px} article{border-bottom:1px solid #ddd;padding:6px 0}</style></head>
<body><main id="conversation">${parts.join('')}</main></body></html>`
  return { html, ids }
}

// --- The content script's figures (read through its isolated world) ---------------------------

type ScanStats = {
  startedAt: number
  firstMarkAt: number | null
  idleAt: number | null
  ids: number
  scannedChars: number
  pendingJobs: number
  slices: number
  units: number
  busyMs: number
  longestSliceMs: number
}

// --- Run ----------------------------------------------------------------------------------------

buildExtension('development')
const { html, ids } = generatePage()
const server = await startHelpdeskServer({ pages: { '/bench': html } })
const browser = await launchWithExtension({
  extensionDir: join(REPO_ROOT, 'extension/.output/chrome-mv3-dev'),
  hostResolverRules: server.hostResolverRules,
})
try {
  const page = await browser.context.newPage()
  // Long tasks from the start, on the page's own clock.
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] }
    w.__longTasks = []
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration })
    }).observe({ type: 'longtask', buffered: true })
  })
  const world = await contentScriptWorld<ScanStats>(page)
  await page.goto(server.url('acme.zendesk.com', '/bench'), { timeout: 120_000 })
  const stats = await pollUntil(world.stats, (s) => s?.idleAt != null, { timeoutMs: 120_000, what: 'the whole page scanned' })
  if (!stats || stats.idleAt === null) throw new Error('the scan did not finish')

  const page_ = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    return {
      domContentLoaded: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
      textLength: document.body.textContent?.length ?? 0,
      browser: /(?:Headless)?Chrome\/[\d.]+/.exec(navigator.userAgent)?.[0] ?? navigator.userAgent,
    }
  })

  // The baseline: read the page's text once and run one matchAll over it, in the same page.
  const baseline = await page.evaluate(() => {
    const runs: { read: number; match: number; found: number }[] = []
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now()
      const text = document.body.textContent ?? ''
      const t1 = performance.now()
      const found = [...text.matchAll(/(?<![A-Za-z0-9_])(?:inq|iqse|evt)_[A-Za-z0-9]{24}(?:[A-Za-z0-9]{4})?(?![A-Za-z0-9_])/g)].length
      const t2 = performance.now()
      runs.push({ read: t1 - t0, match: t2 - t1, found })
    }
    runs.sort((a, b) => a.read + a.match - (b.read + b.match))
    // What visiting every node from JavaScript costs by itself (no text joined, nothing matched).
    const w0 = performance.now()
    let nodes = 0
    const walker = document.createTreeWalker(document.body)
    while (walker.nextNode()) nodes++
    const walk = performance.now() - w0
    return { ...runs[2]!, walk, nodes }
  })

  const longTasks = await page.evaluate((from) => {
    const all = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks
    return { during: all.filter((t) => t.start + t.duration >= from), before: all.filter((t) => t.start + t.duration < from) }
  }, stats.startedAt)

  // Mutation to mark: add a reply with a fresh ID, time until the page's highlight registry holds one more range.
  const latencies: number[] = []
  for (let round = 0; round < MUTATION_ROUNDS; round++) {
    const id = `inq_${'Mut'.repeat(8)}${String(round).padStart(4, '0')}`
    latencies.push(
      await page.evaluate(
        (newId) =>
          new Promise<number>((resolve, reject) => {
            const total = () => {
              let n = 0
              CSS.highlights.forEach((h, name) => {
                if (name.startsWith('idv-lens-') && name !== 'idv-lens-active') n += (h as unknown as Set<unknown>).size
              })
              return n
            }
            const before = total()
            const t0 = performance.now()
            const reply = document.createElement('article')
            reply.innerHTML = `<p>Follow-up about ${newId}</p>`
            document.getElementById('conversation')!.prepend(reply)
            // Poll on a short timer: the main thread stays mostly idle, as on a real page.
            const check = () => {
              if (total() > before) return resolve(performance.now() - t0)
              if (performance.now() - t0 > 5000) return reject(new Error('no mark within 5 s'))
              setTimeout(check, 1)
            }
            setTimeout(check, 1)
          }),
        id,
      ),
    )
  }
  latencies.sort((a, b) => a - b)
  const after = (await world.stats())!

  const ms = (v: number | null | undefined) => (v == null ? '   n/a' : `${v.toFixed(1).padStart(7)} ms`)
  const scanWall = stats.idleAt - stats.startedAt
  const baselineTotal = baseline.read + baseline.match
  const longestDuring = longTasks.during.reduce((m, t) => Math.max(m, t.duration), 0)
  console.log(`\nInline-lookups scan benchmark (${page_.browser})`)
  console.log(`  page                      ${(html.length / 1024 / 1024).toFixed(2)} MB of HTML, ${(page_.textLength / 1024 / 1024).toFixed(2)} MB of text, ${ids.length} distinct IDs among decoys`)
  console.log(`  IDs found                 ${stats.ids} (expected ${ids.length}); text scanned ${(stats.scannedChars / 1024 / 1024).toFixed(2)} M chars`)
  console.log(`  DOMContentLoaded / load   ${ms(page_.domContentLoaded)} / ${ms(page_.load)}`)
  console.log(`  content script started    ${ms(stats.startedAt)}`)
  console.log(`  first marks               ${ms(stats.firstMarkAt)}  (${ms(stats.firstMarkAt! - stats.startedAt)} after start)`)
  console.log(`  whole page scanned        ${ms(stats.idleAt)}  (${ms(scanWall)} wall after start, in ${stats.slices} slices)`)
  console.log(`  extension busy time       ${ms(stats.busyMs)}  (sum of its slices)`)
  console.log(`  baseline textContent+matchAll ${ms(baselineTotal)}  (read ${baseline.read.toFixed(1)} ms + match ${baseline.match.toFixed(1)} ms, ${baseline.found} matches)`)
  console.log(`  a bare DOM walk            ${ms(baseline.walk)}  (${baseline.nodes} nodes visited from JavaScript, no text read)`)
  console.log(`  ratio busy / baseline     ${(stats.busyMs / baselineTotal).toFixed(2)} ×   (wall / baseline ${(scanWall / baselineTotal).toFixed(1)} ×)`)
  console.log(`  longest extension slice   ${ms(after.longestSliceMs)}  (budget 8 ms per slice)`)
  console.log(
    `  long tasks while scanning ${longTasks.during.length} (longest ${ms(longestDuring)}); before the script started: ${longTasks.before.length} (page parse/layout, longest ${ms(longTasks.before.reduce((m, t) => Math.max(m, t.duration), 0))})`,
  )
  console.log(`  mutation → mark           median ${ms(percentile(latencies, 50))}, min ${ms(latencies[0])}, max ${ms(latencies[latencies.length - 1])} (${MUTATION_ROUNDS} rounds)`)
  await world.cdp.detach()
} finally {
  await browser.close()
  await server.stop()
}
