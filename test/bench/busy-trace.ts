/**
 * Where a busy page's main-thread time goes: traces each page (after its first 4 s) with Chrome's tracing
 * and prints the main thread's self time by event name, the page's script and ours apart. A diagnostic,
 * not a benchmark; acme.zendesk.com runs the extension, wiki.example.test does not. Arguments: `host:path`,
 * `host:path:scroll` (60 px a frame), `host:path:scroll:<rootMargin>` (and a page observer on every <p>),
 * `busy:host:path`, `fps:host:path`; pages /agent/tickets/busy-1000, busy-4000 (`?own=N`), scroll-20000.
 *   pnpm -F @idv-lens/test run trace:busy acme.zendesk.com:/agent/tickets/busy-1000   (TRACE_SECONDS=5)
 */
import { join } from 'node:path'
import { buildExtension } from '../harness/build-extension.ts'
import { launchWithExtension } from '../harness/browser.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { startHelpdeskServer, type FixtureHost } from '../fixtures/helpdesk/serve.ts'
import { busyMainThread, busyPage, scrollFps } from './busy-pages.ts'
import type { TraceEvent } from './trace-event.ts'

const variants = process.argv.slice(2)
const SECONDS = Number(process.env.TRACE_SECONDS ?? 5)
await buildExtension('production')
const pages: Record<string, string> = {}
for (const n of [1000, 4000]) pages[`/agent/tickets/busy-${n}`] = busyPage(n, 100)
pages['/agent/tickets/scroll-20000'] = busyPage(20_000, null)
const server = await startHelpdeskServer({ pages })
const browser = await launchWithExtension({
  extensionDir: join(REPO_ROOT, 'extension/.output/chrome-mv3'),
  hostResolverRules: server.hostResolverRules,
})
// busyMainThread reads the page's long tasks.
await browser.context.addInitScript(() => {
  const w = window as unknown as { __longTasks: { start: number; duration: number }[] }
  w.__longTasks = []
  new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => w.__longTasks.push({ start: e.startTime, duration: e.duration })),
  ).observe({ type: 'longtask', buffered: true })
})
try {
  for (const variant of variants) {
    // host:path[:scroll], or fps:host:path / busy:host:path for the benchmark's own figures
    if (variant.startsWith('fps:') || variant.startsWith('busy:')) {
      const [kind, h, p] = variant.split(':')
      const url = server.url(h as FixtureHost, p!)
      console.log(
        variant,
        kind === 'fps'
          ? await scrollFps(browser.context, url, h !== 'wiki.example.test')
          : await busyMainThread(browser.context, url, SECONDS),
      )
      continue
    }
    const [host, path, mode] = variant.split(':')
    const page = await browser.context.newPage()
    await page.goto(server.url(host as FixtureHost, path!), { timeout: 120_000 })
    await page.waitForFunction(() => performance.now() > 4000, undefined, { timeout: 120_000, polling: 200 })
    // host:path:scroll:<rootMargin>: an observer of our own on every paragraph, as the content script has.
    const margin = variant.split(':')[3]
    if (margin !== undefined)
      await page.evaluate((m) => {
        const io = new IntersectionObserver(() => {}, { rootMargin: m })
        for (const p of document.querySelectorAll('p')) io.observe(p)
      }, margin)
    const cdp = await browser.context.newCDPSession(page)
    const events: TraceEvent[] = []
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[]).filter((v) => v.ph === 'X')))
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,toplevel,blink,v8,disabled-by-default-devtools.timeline',
      transferMode: 'ReportEvents',
    })
    if (mode === 'scroll')
      await page.evaluate(
        (ms) =>
          new Promise<void>((resolve) => {
            const t0 = performance.now()
            const step = () => {
              window.scrollBy(0, 60)
              if (performance.now() - t0 < ms) requestAnimationFrame(step)
              else resolve()
            }
            requestAnimationFrame(step)
          }),
        SECONDS * 1000,
      )
    else await page.waitForTimeout(SECONDS * 1000)
    await cdp.send('Tracing.end')
    await complete
    await cdp.detach()
    // The renderer main thread: the one running the most ThreadControllerImpl::RunTask time with FunctionCall/Layout events.
    const byThread = new Map<string, number>()
    for (const e of events)
      if (e.name === 'UpdateLayoutTree' || e.name === 'Layout' || e.name === 'Paint')
        byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + 1)
    const main = [...byThread].sort((a, b) => b[1] - a[1])[0]![0]
    const thread = events.filter((e) => `${e.pid}:${e.tid}` === main).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
    const self = new Map<string, number>()
    const stack: { e: TraceEvent; end: number; key: string }[] = []
    let total = 0
    const keyOf = (e: TraceEvent, parent: string | undefined) => {
      const url = e.args?.data?.url
      if (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.callFunction')
        return `${e.name} ${url?.startsWith('chrome-extension') ? 'EXT ' + (e.args?.data?.functionName ?? '') + `@${e.args?.data?.lineNumber}:${e.args?.data?.columnNumber}` : url ? 'page' : parent?.includes('EXT') ? 'EXT(inherit)' : '?'}`
      return e.name
    }
    for (const e of thread) {
      const end = e.ts + (e.dur ?? 0)
      while (stack.length && stack.at(-1)!.end <= e.ts) stack.pop()
      const parent = stack.at(-1)
      const key = keyOf(e, parent?.key)
      const t = (e.tdur ?? 0) / 1000
      self.set(key, (self.get(key) ?? 0) + t)
      if (parent) self.set(parent.key, (self.get(parent.key) ?? 0) - t)
      else total += t
      stack.push({ e, end, key })
    }
    console.log(`\n${variant}: ${SECONDS} s, main thread tasks ${total.toFixed(0)} ms thread time; self time by event:`)
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 28)) console.log(`  ${v.toFixed(1).padStart(8)} ms  ${k}`)
    await page.close()
  }
} finally {
  await browser.close()
  await server.stop()
}
