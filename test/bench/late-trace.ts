/**
 * Where the time goes between an ID added to the 5 MB ticket (bench:frames' mark/frame, late-ids.ts)
 * and the frame that shows it, with Chrome's tracing, with the extension (acme.zendesk.com) and
 * without (wiki.example.test): where our work and the frame's went, from the insertion to that
 * frame (LATE_TASKS=1: each main-thread task, LATE_STACKS=1: with the stacks of invalidations;
 * LATE_PROFILE=1 or `frame`: our scripts sampled to the insertion task's end or the frame's; LATE_BENCH=1:
 * the bench's own timing, untraced).   trace:late   (LATE_AFTER_MS=10000, LATE_TRACES=2; SKIP_EXTENSION_BUILD=1)
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { buildExtension } from '../harness/build-extension.ts'
import { launchWithExtension } from '../harness/browser.ts'
import { contentScriptWorld } from '../harness/isolated-world.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { startHelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import { generateTicketPage } from './ticket-page.ts'
import { afterLoad, insertReplyAndTimeIn } from './busy-pages.ts'
import { MARKS_TAG } from '../../extension/src/content/marks/mark-layer.ts'
import type { TraceEvent } from './trace-event.ts'

const AFTER_MS = Number(process.env.LATE_AFTER_MS ?? 10_000)
const TRACES = Number(process.env.LATE_TRACES ?? 2)
const TICKET = '/agent/tickets/bench'
const CATEGORIES =
  'disabled-by-default-devtools.timeline.stack,devtools.timeline,toplevel,blink,blink.user_timing,disabled-by-default-devtools.timeline,v8.execute'
/** Events worth naming inside a task. */
const SHOWN = new Set([
  'FunctionCall',
  'EvaluateScript',
  'v8.run',
  'TimerFire',
  'FireAnimationFrame',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'UpdateLayer',
  'CompositeLayers',
  'HitTest',
  'IntersectionObserverController::computeIntersections',
  'ScheduleStyleRecalculation',
  'InvalidateLayout',
  'BeginMainThreadFrame',
  'Commit',
  'TimeStamp',
  'MarkDOMContent',
  'RunMicrotasks',
  'EventDispatch',
  'ParseHTML',
  'UpdateLifecycle',
  'LocalFrameView::UpdateLifecyclePhasesInternal',
  'PageAnimator::serviceScriptedAnimations',
  'ProxyMain::BeginMainFrame',
  'WebFrameWidgetImpl::BeginMainFrame',
  'WebViewImpl::BeginFrame',
  'Document::UpdateStyleAndLayout',
])

const ticket = generateTicketPage(5 * 1024 * 1024)
await buildExtension('production')
const server = await startHelpdeskServer({ pages: { [TICKET]: ticket.html } })
const browser = await launchWithExtension({
  extensionDir: join(REPO_ROOT, 'extension/.output/chrome-mv3'),
  hostResolverRules: server.hostResolverRules,
})

/** Runs in the page (or the content script's world): prepends the reply, resolves once the frame after it (and a mark, with `marksTag`) is rendered. */
function insert({ newId, marksTag }: { newId: string; marksTag: string | null }): Promise<string> {
  return new Promise((resolve) => {
    const host = marksTag === null ? null : document.querySelector(marksTag)
    const root = host
      ? (
          globalThis as unknown as { chrome: { dom: { openOrClosedShadowRoot(el: Element): ShadowRoot | null } } }
        ).chrome.dom.openOrClosedShadowRoot(host)
      : null
    const t0 = performance.now()
    const times: string[] = []
    const hooks = (
      globalThis as { __idvLens?: { inline?: { stats(): { ids: number; marks: number; painted: number; pendingJobs: number } } } }
    ).__idvLens?.inline
    const note = (what: string) => {
      const s = what === 'frameDone2' ? hooks?.stats() : undefined
      times.push(
        `${what} ${(performance.now() - t0).toFixed(1)}${s ? ` (ids ${s.ids}, marks ${s.marks}, painted ${s.painted}, jobs ${s.pendingJobs})` : ''}`,
      )
      console.timeStamp(`idv ${what}`)
    }
    console.timeStamp('idv insert')
    const reply = document.createElement('article')
    reply.innerHTML = `<p>Follow-up about ${newId}</p>`
    document.getElementById('conversation')!.prepend(reply)
    note('before')
    queueMicrotask(() => note('microtask'))
    let frames = 0
    setTimeout(() => note('nextTask'), 0)
    const frame = () => {
      note(`rAF${frames}`)
      setTimeout(() => {
        note(`frameDone${frames}`)
        if (++frames < 3) requestAnimationFrame(frame)
        else setTimeout(() => resolve(times.join(', ') + (root ? `; boxes ${root.querySelectorAll('b').length}` : '')), 50)
      }, 0)
    }
    requestAnimationFrame(frame)
  })
}

const ends = (e: TraceEvent) => e.ts + (e.dur ?? 0)

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
}
/** Self time by function of the extension's scripts (and the natives they call), over the profile. */
function printProfile(profile: CpuProfile, [from, to]: number[]): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const label = (id: number) => {
    const f = byId.get(id)!.callFrame
    return `${f.functionName || '(anon)'}@${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`
  }
  const ours = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      if (byId.get(at)!.callFrame.url.startsWith('chrome-extension')) return at
    return undefined
  }
  const self = new Map<string, number>()
  let at = profile.startTime
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0
    if (at < from! || at > to!) return
    const owner = ours(id)
    if (owner === undefined) return
    const chain: string[] = []
    for (let at: number | undefined = parent.get(owner); at !== undefined && chain.length < 4; at = parent.get(at)) chain.push(label(at))
    const key = `${owner === id ? label(id) : `${byId.get(id)!.callFrame.functionName || '(native)'} < ${label(owner)}`} < ${chain.join(' < ')}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  profile ${v.toFixed(2).padStart(7)} ms  ${k}`)
}

const sum = (events: readonly TraceEvent[]) => events.reduce((t, e) => t + (e.dur ?? 0), 0) / 1000
const isOurs = (e: TraceEvent) => e.name === 'FunctionCall' && e.args?.data?.url?.startsWith('chrome-extension') === true
/** Our part of the insertion's task and of the frame after it (wall ms): what the extension adds before that frame is done. */
function summary(thread: readonly TraceEvent[], tasks: readonly TraceEvent[]): string {
  const holding = (mark: string) => {
    const stamp = thread.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === `idv ${mark}`)
    return tasks.find((t) => stamp && t.ts <= stamp.ts && stamp.ts <= ends(t))
  }
  const within = (task: TraceEvent | undefined, keep: (e: TraceEvent) => boolean) =>
    task ? thread.filter((e) => e !== task && e.ts >= task.ts && ends(e) <= ends(task) && keep(e)) : []
  const insertion = holding('insert')
  const frame = holding('rAF0')
  const ours = within(frame, isOurs)
  const inOurs = (name: string) => within(frame, (e) => e.name === name && ours.some((o) => e.ts >= o.ts && ends(e) <= ends(o)))
  const afterOurs = (name: string) => within(frame, (e) => e.name === name && ours.length > 0 && e.ts >= ends(ours.at(-1)!))
  return [
    `insertion task: ours ${sum(within(insertion, isOurs)).toFixed(1)} ms`,
    `frame task ${sum(frame ? [frame] : []).toFixed(1)} ms: our rAF ${sum(ours).toFixed(1)} ms (its hit tests ${sum(inOurs('HitTest')).toFixed(1)}, layout ${sum(inOurs('Layout')).toFixed(1)}, pre-paint ${sum(inOurs('PrePaint')).toFixed(1)})`,
    `after it: style ${sum(afterOurs('UpdateLayoutTree')).toFixed(1)}, layout ${sum(afterOurs('Layout')).toFixed(1)}, pre-paint ${sum(afterOurs('PrePaint')).toFixed(1)}, paint ${sum(afterOurs('Paint')).toFixed(1)}`,
    `frame's layout ${sum(within(frame, (e) => e.name === 'Layout')).toFixed(1)}, pre-paint ${sum(within(frame, (e) => e.name === 'PrePaint')).toFixed(1)}, hit tests ${sum(within(frame, (e) => e.name === 'HitTest')).toFixed(1)}`,
  ].join('; ')
}

async function traceOne(host: 'acme.zendesk.com' | 'wiki.example.test', n: number): Promise<void> {
  const page = await browser.context.newPage()
  try {
    await page.goto(server.url(host, TICKET), { timeout: 120_000 })
    await afterLoad(page, AFTER_MS)
    const world = host === 'acme.zendesk.com' ? await contentScriptWorld(page) : null
    // The world is found (an evaluate that does nothing) before tracing starts.
    await world?.evaluate('0')
    const arg = { newId: `inq_LateTraceReference${String(n).padStart(6, '0')}`, marksTag: world ? MARKS_TAG : null }
    if (process.env.LATE_BENCH && world) {
      // The bench's own insertion and timing (busy-pages.ts), untraced.
      const timed = await insertReplyAndTimeIn(world, `inq_LateBenchReference${String(n).padStart(6, '0')}`)
      await world.cdp.detach()
      return console.log(`${host} #${n} bench: ${JSON.stringify(timed)}`)
    }
    const cdp = await browser.context.newCDPSession(page)
    const events: TraceEvent[] = []
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])))
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
    await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' })
    const profiling = process.env.LATE_PROFILE && world
    if (profiling) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 20 })
      await cdp.send('Profiler.start')
    }
    const times = world ? await world.evaluate<string>(`(${insert.toString()})(${JSON.stringify(arg)})`) : await page.evaluate(insert, arg)
    const profile = profiling ? ((await cdp.send('Profiler.stop')).profile as unknown as CpuProfile) : null
    await cdp.send('Tracing.end')
    await complete
    await cdp.detach()
    await world?.cdp.detach()
    const start = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'idv insert')
    if (!start) throw new Error('no insertion in the trace')
    const thread = events
      .filter((e) => e.pid === start.pid && e.tid === start.tid && (e.ph === 'X' || e.ph === 'I' || e.ph === 'i' || e.ph === 'R'))
      .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
    const last = events.filter((e) => e.name === 'TimeStamp' && e.args?.data?.message?.startsWith('idv frameDone2'))[0]
    const stop = last ? last.ts + 1000 : Infinity
    const tasks = thread.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && ends(e) >= start.ts - 1 && e.ts <= stop)
    console.log(`\n${host} #${n}: ${times}`)
    console.log(`  SUMMARY ${summary(thread, tasks)}`)
    const stamp = (m: string) => thread.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === `idv ${m}`)?.ts
    if (profile)
      printProfile(profile, [stamp('before') ?? 0, stamp(process.env.LATE_PROFILE === 'frame' ? 'frameDone0' : 'microtask') ?? Infinity])
    if (process.env.LATE_TASKS)
      for (const task of tasks) {
        const inner = thread.filter((e) => e !== task && e.ts >= task.ts && ends(e) <= ends(task) && SHOWN.has(e.name))
        const at = ((task.ts - start.ts) / 1000).toFixed(1).padStart(7)
        console.log(`  ${at} ms  task ${((task.dur ?? 0) / 1000).toFixed(1)} ms`)
        for (const e of inner) {
          const d = e.args?.data
          const what =
            d?.message ?? (d?.url ? `${d.url.startsWith('chrome-extension') ? 'EXT' : 'page'} ${d.functionName ?? ''}` : (d?.type ?? ''))
          const dur = e.dur === undefined ? '' : `${(e.dur / 1000).toFixed(1)} ms`
          console.log(`      +${((e.ts - task.ts) / 1000).toFixed(1).padStart(6)} ${e.name} ${dur} ${what}`)
          if (e.name === 'Layout' && process.env.LATE_STACKS) console.log(`           ${JSON.stringify(e.args)}`)
          const stack = d?.stackTrace ?? e.args?.beginData?.stackTrace
          if (stack && process.env.LATE_STACKS)
            console.log(
              `           ${stack
                .slice(0, 8)
                .map((f) => `${f.functionName}@${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`)
                .join(' < ')}`,
            )
        }
      }
  } finally {
    await page.close()
  }
}

try {
  const warm = await browser.context.newPage()
  await warm.goto(server.url('acme.zendesk.com', TICKET), { waitUntil: 'load', timeout: 120_000 })
  await warm.close()
  for (let n = 0; n < TRACES; n++) {
    await traceOne('acme.zendesk.com', n)
    await traceOne('wiki.example.test', n)
  }
} finally {
  await browser.close()
  await server.stop()
}
