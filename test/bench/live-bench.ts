/**
 * Live events benchmark: the real Worker under `wrangler dev` (LiveHub included) and real sockets on
 * 127.0.0.1; prints figures beside a floor from the same run (GET /healthz), asserts nothing about time.
 *   ack      signed webhook POST → 204          socket   webhook POST → its frame at a WebSocket
 *   browser  webhook POST → its row in the open side panel (real Chromium + the extension)
 *   fan-out  one webhook → its frame at every one of 1,000 sockets on one hub
 */
import { join } from 'node:path'
import { signPersona } from '../../worker/src/vendors/persona/webhook-signature.ts'
import { buildExtension } from '../harness/build-extension.ts'
import { launchWithExtension } from '../harness/browser.ts'
import { openLiveSocket, startLiveStack } from '../harness/live.ts'
import { DEMO, REPO_ROOT } from '../harness/stack.ts'
import { percentile } from './load.ts'

const SAMPLES = Number(process.env.BENCH_LIVE_SAMPLES ?? 200)
const BROWSER_SAMPLES = Number(process.env.BENCH_LIVE_BROWSER_SAMPLES ?? 30)
const FANOUT = Number(process.env.BENCH_LIVE_FANOUT ?? 1000)

let counter = 0
function personaBody(): { id: string; body: string } {
  const id = `evt_bench${String(++counter).padStart(8, '0')}${Math.random().toString(36).slice(2, 10)}`
  const body = JSON.stringify({
    data: {
      type: 'event',
      id,
      attributes: {
        name: 'inquiry.approved',
        'created-at': new Date().toISOString(),
        payload: { data: { type: 'inquiry', id: 'inq_zEx4jL84ShbUyuwX6AzPSqt6', attributes: { status: 'approved' } } },
      },
    },
  })
  return { id, body }
}

async function postWebhook(relay: string): Promise<{ id: string; sentAt: number; ackMs: number }> {
  const { id, body } = personaBody()
  const signature = await signPersona(DEMO.webhookSecrets.persona!, Math.floor(Date.now() / 1000), body)
  const sentAt = performance.now()
  const res = await fetch(`${relay}/webhooks/persona`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'persona-signature': signature },
    body,
  })
  await res.arrayBuffer()
  if (res.status !== 204) throw new Error(`webhook answered ${res.status}`)
  return { id, sentAt, ackMs: performance.now() - sentAt }
}

const stats = (values: number[]) =>
  `p50 ${percentile(values, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(values, 95).toFixed(1).padStart(6)} ms   (n=${values.length})`

const stack = await startLiveStack()
try {
  const relay = stack.relay.url
  // Floor: the cheapest request to the same relay.
  const floor: number[] = []
  for (let i = 0; i < 50; i++) await (await fetch(`${relay}/healthz`)).arrayBuffer()
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now()
    await (await fetch(`${relay}/healthz`)).arrayBuffer()
    floor.push(performance.now() - t)
  }

  // Ack latency and webhook → frame at one connected socket, one webhook at a time.
  const socket = await openLiveSocket(relay)
  const arrivals = new Map<string, number>()
  socket.ws.addEventListener('message', (event) => {
    if (event.data !== 'pong') arrivals.set((JSON.parse(String(event.data)) as { id: string }).id, performance.now())
  })
  for (let i = 0; i < 20; i++) await postWebhook(relay) // warm-up
  await socket.until(20)
  const acks: number[] = []
  const toFrame: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const sent = await postWebhook(relay)
    acks.push(sent.ackMs)
    await socket.until(20 + i + 1)
    toFrame.push((arrivals.get(sent.id) as number) - sent.sentAt)
  }
  const lastSeq = socket.frames.at(-1)!.seq
  socket.close()

  // Fan-out: FANOUT sockets on the one hub, then one webhook.
  const many = []
  for (let i = 0; i < FANOUT; i += 50) {
    many.push(...(await Promise.all(Array.from({ length: Math.min(50, FANOUT - i) }, () => openLiveSocket(relay, lastSeq)))))
  }
  const fanoutRuns: { first: number; last: number }[] = []
  for (let run = 0; run < 3; run++) {
    const sent = await postWebhook(relay)
    await Promise.all(many.map((s) => s.until(run + 1)))
    const times = many.map((s) => (s.arrivals[run] as number) - sent.sentAt)
    fanoutRuns.push({ first: Math.min(...times), last: Math.max(...times) })
  }
  for (const s of many) s.close()
  const fanout = fanoutRuns.sort((a, b) => a.last - b.last)[1] ?? fanoutRuns[0]!

  // In the browser: the side panel's Events tab, a row per webhook.
  await buildExtension('development')
  const browser = await launchWithExtension({ extensionDir: join(REPO_ROOT, 'extension/.output/chrome-mv3-dev') })
  const inBrowser: number[] = []
  try {
    await browser.setSettings({ workerUrl: relay, agentToken: DEMO.agentToken })
    const page = await browser.context.newPage()
    await page.goto(browser.pageUrl('sidepanel.html'))
    await page.getByTestId('tab-events').click()
    await page.waitForSelector('[data-testid="live-indicator"][data-status="live"]', { timeout: 30_000 })
    // The page notes (wall clock) when each row appears; the sender notes when it posted.
    await page.evaluate(() => {
      const seen = new Map<string, number>()
      ;(window as unknown as { __liveSeen: Map<string, number> }).__liveSeen = seen
      new MutationObserver(() => {
        for (const row of Array.from(document.querySelectorAll('[data-testid="live-event"] code'))) {
          const id = row.textContent ?? ''
          if (!seen.has(id)) seen.set(id, Date.now())
        }
      }).observe(document.body, { childList: true, subtree: true })
    })
    for (let i = 0; i < BROWSER_SAMPLES; i++) {
      const wallBefore = Date.now()
      const sent = await postWebhook(relay)
      await page.waitForFunction((id) => (window as unknown as { __liveSeen: Map<string, number> }).__liveSeen.has(id), sent.id, {
        timeout: 10_000,
      })
      const seenAt = await page.evaluate(
        (id) => (window as unknown as { __liveSeen: Map<string, number> }).__liveSeen.get(id) as number,
        sent.id,
      )
      inBrowser.push(seenAt - wallBefore)
    }
  } finally {
    await browser.close()
  }

  const floorP50 = percentile(floor, 50)
  const socketP50 = percentile(toFrame, 50)
  // The goals, printed next to the figures (never asserted: the machine is shared).
  const goal = (values: number[], p95Ms: number) => `goal p95 ≤ ${p95Ms} ms: ${percentile(values, 95) <= p95Ms ? 'met' : 'NOT met'}`
  console.log(`\nLive events benchmark (wrangler dev on 127.0.0.1, one hub; figures against GET /healthz in the same run)`)
  console.log(`  /healthz (floor)            ${stats(floor)}`)
  console.log(
    `  webhook ack (204)           ${stats(acks)}   ${(percentile(acks, 50) / floorP50).toFixed(1)} × floor p50; ${goal(acks, 200)}`,
  )
  console.log(`  webhook → socket frame      ${stats(toFrame)}   ${(socketP50 / floorP50).toFixed(1)} × floor p50; ${goal(toFrame, 50)}`)
  console.log(
    `  webhook → side panel row    ${stats(inBrowser)}   ${(percentile(inBrowser, 50) / socketP50).toFixed(1)} × socket p50 (wall clock, ms resolution); ${goal(inBrowser, 1000)}`,
  )
  console.log(
    `  fan-out to ${FANOUT} sockets     first frame ${fanout.first.toFixed(1)} ms, last frame ${fanout.last.toFixed(1)} ms (median of 3 webhooks)`,
  )
  console.log(`                              ${(fanout.last / socketP50).toFixed(1)} × one socket's p50`)
} finally {
  await stack.stop()
}
