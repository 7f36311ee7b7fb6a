/**
 * Where a popup open's time goes before its newest row is shown, beside the static ID page: Chrome's trace
 * of later opens of each (same browser, in turn), the page renderer's main-thread events from navigation
 * start to the first contentful paint: the medians of its phases, and with TRACE_EVENTS=1 each event. A
 * diagnostic, not a benchmark.  node bench/popup-trace.ts  (TRACE_OPENS=3, TRACE_FIRST=1: first opens;
 * SKIP_EXTENSION_BUILD=1 reuses extension/.output/chrome-mv3); pnpm -F @idv-lens/test run trace:popup
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { buildExtension } from '../harness/build-extension.ts'
import { REPO_ROOT, DEMO, startDemoUpstream, startRelay } from '../harness/stack.ts'
import type { TraceEvent } from './trace-event.ts'

const OPENS = Number(process.env.TRACE_OPENS ?? 3)
const MIN_MS = Number(process.env.TRACE_MIN_MS ?? 0.3)

async function traceOpen(browser: ExtensionBrowser, path: string): Promise<void> {
  const page = await browser.context.newPage()
  const cdp = await browser.context.newCDPSession(page)
  const events: TraceEvent[] = []
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])))
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
  await cdp.send('Tracing.start', {
    categories:
      'devtools.timeline,toplevel,loading,blink.user_timing,v8.execute,disabled-by-default-devtools.timeline,navigation,fonts,ipc,mojom',
    transferMode: 'ReportEvents',
  })
  await page.setViewportSize({ width: 400, height: 600 })
  await page.goto(browser.pageUrl(path))
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 30_000 })
  await page.waitForTimeout(300)
  await cdp.send('Tracing.end')
  await complete
  await page.close()
  const fcp = events.find((e) => e.name === 'firstContentfulPaint')
  const nav = events.find((e) => e.name === 'navigationStart' && e.pid === fcp?.pid) ?? events.find((e) => e.name === 'navigationStart')
  if (!fcp || !nav) return console.log(`${path}: no FCP/navigationStart in the trace`)
  const main = events.filter((e) => e.pid === fcp.pid && e.tid === fcp.tid && e.ts >= nav.ts - 1000 && e.ts <= fcp.ts + 1000)
  const at = (e: TraceEvent | undefined, end = false) => (e ? (e.ts + (end ? (e.dur ?? 0) : 0) - nav.ts) / 1000 : NaN)
  const script = main.find((e) => e.name === 'EvaluateScript' && String(e.args?.data?.['url'] ?? '').endsWith('/popup-first-paint.js'))
  // The frame that first shows the row: the first paint after the first screen's script (or the parse).
  const drawn = script ? script.ts + (script.dur ?? 0) : (main.find((e) => e.name === 'ParseHTML')?.ts ?? nav.ts)
  const paint = main.find((e) => e.name === 'Paint' && e.ts >= drawn)
  const sent = main.find((e) => e.name === 'ResourceSendRequest' && String(e.args?.data?.['url'] ?? '').endsWith('/popup-first-paint.js'))
  const phases: Record<string, number> = {
    htmlIn: at(
      main.find((e) => e.name === 'DocumentLoader::BodyLoadingFinished'),
      true,
    ),
    scriptAsked: at(sent),
    scriptIn: at(
      main.find((e) => e.name === 'ResourceFinish' && sent !== undefined && e.args?.data?.['requestId'] === sent.args?.data?.['requestId']),
    ),
    scriptStart: at(script),
    scriptEnd: at(script, true),
    storageCheck: (main.find((e) => e.name === 'ContentSettingsManager::AllowStorageAccess')?.dur ?? 0) / 1000,
    paintEnd: at(paint, true),
    commitEnd: at(
      main.find((e) => e.name === 'Commit' && paint !== undefined && e.ts >= paint.ts),
      true,
    ),
    fcp: at(fcp),
  }
  ;(summary[path] ??= []).push(phases)
  if (!process.env.TRACE_EVENTS) return
  console.log(`\n${path}: FCP at ${((fcp.ts - nav.ts) / 1000).toFixed(1)} ms after navigationStart (renderer pid ${fcp.pid})`)
  for (const e of main.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))) {
    if (e.ph === 'X' && (e.dur ?? 0) / 1000 < MIN_MS) continue
    if (e.ph !== 'X' && e.ph !== 'I' && e.ph !== 'R' && e.ph !== 'n') continue
    if (e.name.startsWith('PaintTimingVisualizer')) continue
    const data = e.args?.data ?? {}
    const what = String(data['url'] ?? data['type'] ?? data['functionName'] ?? data['name'] ?? '').replace(
      /chrome-extension:\/\/[a-z]+/,
      '',
    )
    console.log(
      `  ${((e.ts - nav.ts) / 1000).toFixed(1).padStart(7)}  ${e.ph === 'X' ? `${((e.dur ?? 0) / 1000).toFixed(1).padStart(6)} wall ${((e.tdur ?? 0) / 1000).toFixed(1).padStart(6)} cpu` : '        (instant)      '}  ${e.name} ${what.slice(0, 80)}`,
    )
  }
}

const summary: Record<string, Record<string, number>[]> = {}
function printSummary(): void {
  for (const [path, opens] of Object.entries(summary)) {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    const keys = Object.keys(opens[0]!)
    const med = (k: string) => opens.map((o) => o[k]!).filter((v) => !Number.isNaN(v))
    console.log(
      `${path.padEnd(16)} ${keys.map((k) => `${k} ${med(k).length ? median(med(k)).toFixed(1) : '-'}`).join('  ')}  (medians of ${opens.length} opens, ms after navigation start)`,
    )
  }
}

if (!process.env.SKIP_EXTENSION_BUILD) await buildExtension('production')
const profile = await mkdtemp(join(tmpdir(), 'idv-lens-popup-trace-'))
const extensionDir = await mkdtemp(join(tmpdir(), 'idv-lens-popup-trace-ext-'))
await cp(join(REPO_ROOT, 'extension/.output/chrome-mv3'), extensionDir, { recursive: true })
const upstream = await startDemoUpstream()
let relay: Awaited<ReturnType<typeof startRelay>> | null = null
try {
  let browser = await launchWithExtension({ extensionDir, userDataDir: profile })
  relay = await startRelay({
    personaBase: upstream.personaBase,
    deepidvBase: upstream.deepidvBase,
    allowedOrigins: [`chrome-extension://${browser.extensionId}`],
  })
  await browser.setSettings({ workerUrl: relay.url, agentToken: DEMO.agentToken })
  const res = await fetch(`${relay.url}/v1/persona/inquiries?page%5Bsize%5D=10`, {
    headers: { authorization: `Bearer ${DEMO.agentToken}` },
  })
  const id = ((await res.json()) as { data: { id: string }[] }).data[0]!.id
  await writeFile(
    join(extensionDir, 'static-id.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>IDV Lens</title></head><body><p data-testid="row" data-id="${id}">${id}</p></body></html>\n`,
  )
  const warm = async () => {
    for (const path of ['popup.html', 'static-id.html', 'popup.html']) {
      const page = await browser.context.newPage()
      await page.goto(browser.pageUrl(path))
      await page.waitForTimeout(1500)
      await page.close()
    }
  }
  await warm()
  if (process.env.TRACE_FIRST) {
    await browser.close()
    browser = await launchWithExtension({ extensionDir, userDataDir: profile })
    await traceOpen(browser, 'popup.html')
    await browser.close()
    browser = await launchWithExtension({ extensionDir, userDataDir: profile })
    await traceOpen(browser, 'static-id.html')
  } else {
    for (let i = 0; i < OPENS; i++) for (const path of ['popup.html', 'static-id.html']) await traceOpen(browser, path)
  }
  await browser.close()
  printSummary()
} finally {
  await relay?.stop()
  await upstream.stop()
  await rm(profile, { recursive: true, force: true })
  await rm(extensionDir, { recursive: true, force: true })
}
