/**
 * The scan benchmark's busy-page figures: what the marks cost a page that keeps changing,
 * a page that scrolls through thousands of them, and how soon a new ID is marked on a big ticket.
 * Each figure comes with its baseline from the same run: the same page on a host where the
 * extension does not run (wiki.example.test), or the page's own next task after a change.
 */
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core'
import { contentScriptWorld, type ContentScriptWorld } from '../harness/isolated-world.ts'
import { pollUntil } from '../harness/poll.ts'
import { MARKS_TAG } from '../../extension/src/content/marks/mark-layer.ts'
import { MARK_STYLE } from '../../extension/src/content/marks/mark-look.ts'
import type { BackgroundHooks, ReportTiming } from '../../extension/src/background/worker-instrumentation.ts'

/** The extension APIs used in the service worker below (run there; typed here for the checker). */
declare const chrome: {
  tabs: { query(query: { url: string }): Promise<{ id?: number }[]> }
  action: { getBadgeText(details: { tabId: number }): Promise<string> }
}

/** The `n`th of a fixed list of well-formed inquiry IDs (24 characters after the prefix). */
const idAt = (n: number) => `inq_BusyTicketReference${String(n).padStart(5, '0')}`

/**
 * A ticket with `marks` ID occurrences (at most 1,000 distinct IDs, repeated), four per paragraph
 * among words, and, with `tickMs`, a clock at the top that the page rewrites that often (a live
 * "updated n s ago", a presence list): every tick is a DOM change.
 */
export function busyPage(marks: number, tickMs: number | null): string {
  const paragraphs: string[] = []
  for (let i = 0; i < marks; i += 4) {
    const ids = Array.from({ length: Math.min(4, marks - i) }, (_, k) => idAt((i + k) % 1000))
    paragraphs.push(`<p>Customer ${i / 4} refers to ${ids.join(' and then ')} in the thread.</p>`)
  }
  const ticker =
    tickMs === null
      ? ''
      : `<script>let n = 0; const clock = document.getElementById('clock'); setInterval(() => { clock.textContent = 'updated ' + (++n) + ' ticks ago' }, ${tickMs})</script>`
  return `<!doctype html><html><head><meta charset="utf-8"><title>Busy ticket</title>
<style>body{font:14px/1.4 system-ui;margin:0 24px}</style><script>${pageOwnHighlight};${pageOwnBoxes}</script></head>
<body><header id="clock">updated 0 ticks ago</header><main id="conversation">${paragraphs.join('\n')}</main>${ticker}</body></html>`
}

/*
 * With `?own=N` in its URL, the page paints its first N IDs itself, in a CSS highlight of its own with
 * the marks' look (no extension needed): what Chrome charges any page for N highlighted ranges while
 * it ticks (it rebuilds and repaints every range of every highlight after any DOM change), which is
 * what marks painted as highlights cost before they became boxes. `&css=` replaces the style
 * (bench/busy-trace.ts: whether a lighter style costs Chrome less; it did not, a tint alone cost the same).
 */
/** The marks' look as ::highlight() takes it (a highlight has no borders: the underline is a text decoration). */
const HIGHLIGHT_STYLE = MARK_STYLE.replace(
  /border-bottom: 2px dashed ([^;]+);/,
  'text-decoration: underline dashed $1; text-decoration-thickness: 2px;',
)

const pageOwnHighlight = `addEventListener('DOMContentLoaded', () => {
  const own = Number(new URLSearchParams(location.search).get('own') || 0)
  if (!own) return
  const sheet = new CSSStyleSheet()
  sheet.replaceSync('::highlight(page-own) { ' + (new URLSearchParams(location.search).get('css') || '${HIGHLIGHT_STYLE}') + ' }')
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
  const highlight = new Highlight()
  const walker = document.createTreeWalker(document.getElementById('conversation'), NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node && highlight.size < own; node = walker.nextNode())
    for (let i = node.data.indexOf('inq_'); i >= 0 && highlight.size < own; i = node.data.indexOf('inq_', i + 1))
      highlight.add(new StaticRange({ startContainer: node, startOffset: i, endContainer: node, endOffset: i + 28 }))
  CSS.highlights.set('page-own', highlight)
})`

/**
 * With `?boxes=N`, the page draws boxes of its own with the marks' look over its first N IDs, once,
 * in the document's coordinates (an absolute layer at the end of <body>, one absolute box per line
 * of each ID), and never moves them: what N such boxes cost a ticking page with no script measuring
 * them, the floor of marks drawn as boxes.
 */
const pageOwnBoxes = `addEventListener('load', () => {
  const n = Number(new URLSearchParams(location.search).get('boxes') || 0)
  if (!n) return
  const layer = document.body.appendChild(document.createElement('div'))
  layer.style.cssText = 'position:absolute;left:0;top:0;pointer-events:none;z-index:2147483646'
  const origin = layer.getBoundingClientRect()
  const walker = document.createTreeWalker(document.getElementById('conversation'), NodeFilter.SHOW_TEXT)
  let drawn = 0
  for (let node = walker.nextNode(); node && drawn < n; node = walker.nextNode())
    for (let i = node.data.indexOf('inq_'); i >= 0 && drawn < n; i = node.data.indexOf('inq_', i + 1)) {
      const range = document.createRange()
      range.setStart(node, i)
      range.setEnd(node, i + 28)
      for (const r of range.getClientRects()) {
        const b = layer.appendChild(document.createElement('b'))
        b.style.cssText = 'position:absolute;box-sizing:border-box;${MARK_STYLE}left:' + (r.left - origin.left) + 'px;top:' + (r.top - origin.top) + 'px;width:' + r.width + 'px;height:' + r.height + 'px'
      }
      drawn++
    }
})`

/** Ranges in every highlight of the page (the page has none of its own unless asked to; the extension puts none there). */
const rangesPainted = () => {
  let n = 0
  CSS.highlights.forEach((h) => (n += (h as unknown as Set<unknown>).size))
  return n
}

/** What is painted over the page's IDs: the extension's boxes (read in its world) and the page's own highlighted ranges. */
const paintedOn = async (page: Page, world: ContentScriptWorld<unknown> | null) =>
  (world ? (await world.markBoxes()).length : 0) + (await page.evaluate(rangesPainted))

/** The page's main-thread time so far, in seconds (CDP's TaskDuration; Performance.enable with threadTicks first). */
const threadSeconds = async (cdp: CDPSession): Promise<number> =>
  (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN

type LongTask = { start: number; duration: number }

/** `painted`: boxes the extension drew plus ranges the page highlighted itself, at the end. */
export type BusyFigures = { taskMs: number; longTasks: number; longestMs: number; painted: number }

/**
 * Main-thread time of `url` over `seconds` (CDP's TaskDuration in thread time: CPU the page's main
 * thread spent, content script included), from `settleMs` after its time origin, and the long
 * tasks (≥ 50 ms) in that window. The page records long tasks from its start (the benchmark's init script).
 */
export async function busyMainThread(context: BrowserContext, url: string, seconds: number, settleMs = 3000): Promise<BusyFigures> {
  const page = await context.newPage()
  try {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
    const world = await contentScriptWorld(page)
    await page.goto(url, { timeout: 120_000 })
    await page.waitForFunction((ms) => performance.now() > ms, settleMs, { timeout: 120_000, polling: 100 })
    const taskSeconds = () => threadSeconds(cdp)
    const before = await taskSeconds()
    const from = await page.evaluate(() => performance.now())
    await page.waitForFunction((until) => performance.now() > until, from + seconds * 1000, {
      timeout: seconds * 1000 + 60_000,
      polling: 250,
    })
    const after = await taskSeconds()
    const tasks = await page.evaluate(
      (t) => (window as unknown as { __longTasks: LongTask[] }).__longTasks.filter((x) => x.start >= t),
      from,
    )
    const painted = await paintedOn(page, world)
    await cdp.detach()
    await world.cdp.detach()
    return {
      taskMs: (after - before) * 1000,
      longTasks: tasks.length,
      longestMs: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
      painted,
    }
  } finally {
    await page.close()
  }
}

/** `cpuPerFrameMs`: the page's main-thread time (thread time, content script included) per frame while scrolling, which a busy neighbour moves less than fps. */
export type ScrollFigures = { fps: number; worstFrameMs: number; cpuPerFrameMs: number; painted: number | null }

/**
 * Frames per second while the page scrolls itself by 60 px a frame for `seconds` (counted with
 * requestAnimationFrame, on the page's clock), once the content script's first pass is done (with
 * the extension) or after `settleMs` (without). `painted`: the extension's boxes after.
 */
export async function scrollFps(
  context: BrowserContext,
  url: string,
  withExtension: boolean,
  seconds = 5,
  settleMs = 3000,
): Promise<ScrollFigures> {
  const page = await context.newPage()
  try {
    const world = withExtension ? await contentScriptWorld<{ idleAt: number | null }>(page) : null
    await page.goto(url, { timeout: 120_000 })
    if (world) await pollUntil(world.stats, (s) => s?.idleAt != null, { timeoutMs: 120_000, what: 'the busy page scanned' })
    await page.waitForFunction((ms) => performance.now() > ms, settleMs, { timeout: 120_000, polling: 100 })
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
    const taskSeconds = () => threadSeconds(cdp)
    const before = await taskSeconds()
    const figures = await page.evaluate(
      (ms) =>
        new Promise<{ fps: number; worstFrameMs: number; frames: number }>((resolve) => {
          let frames = 0
          let first = -1
          let last = -1
          let worst = 0
          const step = (t: number) => {
            if (first < 0) first = t
            else {
              frames++
              worst = Math.max(worst, t - last)
            }
            last = t
            window.scrollBy(0, 60)
            if (t - first < ms) requestAnimationFrame(step)
            else resolve({ fps: (frames * 1000) / (t - first), worstFrameMs: worst, frames })
          }
          requestAnimationFrame(step)
        }),
      seconds * 1000,
    )
    const cpuPerFrameMs = (((await taskSeconds()) - before) * 1000) / figures.frames
    await cdp.detach()
    const painted = await paintedOn(page, world)
    await world?.cdp.detach()
    return { fps: figures.fps, worstFrameMs: figures.worstFrameMs, cpuPerFrameMs, painted: withExtension ? painted : null }
  } finally {
    await page.close()
  }
}

/**
 * The background's report of `count` IDs in the tab from `since` on (tab-badge.ts: sent, received,
 * badge set; wall clock, timeOrigin + now), read from its log once the page is quiet: polling the
 * badge while the page loads or changes would load the browser and the service worker on the side
 * with the extension only.
 */
export async function badgeReport(background: Worker, tabId: number, count: number, since: number): Promise<ReportTiming> {
  const read = () =>
    background.evaluate(
      ({ tabId, count, since }) =>
        ((globalThis as { __idvLens?: Partial<BackgroundHooks> }).__idvLens?.reportLog ?? []).find(
          (r) => r.tabId === tabId && r.count === count && r.receivedAt >= since,
        ) ?? null,
      { tabId, count, since },
    )
  return (await pollUntil(read, (r) => r !== null, { timeoutMs: 120_000, what: `the badge set to ${count}` }))!
}

/**
 * When the page itself could show a change (the floor of any mark, in ms from the insertion): its
 * next animation frame with the new text laid out (a rect of it read in the frame's first callback),
 * and that frame rendered (a task queued from that callback runs once the frame's pre-paint and paint
 * are done: on the 5 MB ticket those take most of the time, for every page that prepends a reply).
 */
export type OwnFrame = { frame: number; frameDone: number }

/**
 * `plain`: the same insertion at the same moment on the page where the extension does not run (the
 * floor without any work of ours). `badgePath`: the report's message from the content script to the
 * background's handler (the message's stamp is whole ms), and the handler to the badge set; the rest
 * of `badge` is the page's (the change counted and the report sent).
 */
export type LateMutation = {
  mark: number
  markShown: number
  badge: number
  badgePath: { message: number; toBadge: number }
  nextTask: number
} & OwnFrame & {
    plain: PlainFrame
    /** The plain page once more (lateMutation's `control`). */
    again: PlainFrame | null
  }
type PlainFrame = OwnFrame & { nextTask: number }

/** Waits on the page's clock for `ms` after its load event. */
export const afterLoad = (page: Page, ms: number) =>
  page.evaluate(
    (ms) =>
      new Promise<void>((resolve) => {
        const at = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd + ms
        const wait = () => (performance.now() >= at ? resolve() : void setTimeout(wait, Math.max(1, at - performance.now())))
        wait()
      }),
    ms,
  )

/**
 * Loads the ticket at `url` (whose badge shows `idCount` IDs), and `afterLoadMs` after its load
 * event inserts a reply with a new ID at the top (insertReplyAndTime). Times, from the insertion: its
 * mark, the badge counting it (the background's log of its badge set; both ends wall-clock; NaN with
 * `badge` false), and the baselines: the page's own next task and next frame after the change, there
 * and on `plainUrl` (the same ticket without the extension), loaded after it or, `plainFirst`, before
 * it. With `control`, the plain page once more (after both, or first with `plainFirst`).
 */
export async function lateMutation(
  context: BrowserContext,
  background: Worker,
  urls: { blank: string; ticket: string; plain: string },
  {
    idCount,
    afterLoadMs,
    newId,
    plainFirst = false,
    control = false,
    badge = true,
  }: { idCount: number; afterLoadMs: number; newId: string; plainFirst?: boolean; control?: boolean; badge?: boolean },
): Promise<LateMutation> {
  const withExtension = async () => {
    const page = await context.newPage()
    try {
      await page.goto(urls.blank)
      const tabId = await background.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, page.url())
      if (tabId === undefined) throw new Error('no tab for the bench page')
      await page.goto(urls.ticket, { timeout: 120_000 })
      await afterLoad(page, afterLoadMs)
      // Its world only now: following the page's worlds through the load costs this side alone.
      const world = await contentScriptWorld(page)
      const timed = await insertReplyAndTimeIn(world, newId)
      await world.cdp.detach()
      return { timed, report: badge ? await badgeReport(background, tabId, idCount + 1, timed.insertedAt - 1000) : null }
    } finally {
      await page.close()
    }
  }
  const plainPage = async () => {
    const page = await context.newPage()
    try {
      await page.goto(urls.plain, { timeout: 120_000 })
      await afterLoad(page, afterLoadMs)
      return await page.evaluate(insertReplyAndTime, { newId, marksTag: null })
    } finally {
      await page.close()
    }
  }
  let again: PlainFrame | null = null
  let plain: PlainFrame
  let withIt: Awaited<ReturnType<typeof withExtension>>
  if (plainFirst) {
    if (control) again = await plainPage()
    plain = await plainPage()
    withIt = await withExtension()
  } else {
    withIt = await withExtension()
    plain = await plainPage()
    if (control) again = await plainPage()
  }
  const { timed, report } = withIt
  const badgePath = {
    message: report?.sentAt == null ? NaN : report.receivedAt - report.sentAt,
    toBadge: report ? report.badgeAt - report.receivedAt : NaN,
  }
  return {
    mark: timed.mark,
    markShown: timed.markShown,
    nextTask: timed.nextTask,
    frame: timed.frame,
    frameDone: timed.frameDone,
    badge: report ? report.badgeAt - timed.insertedAt : NaN,
    badgePath,
    plain,
    again,
  }
}

type Timed = { mark: number; markShown: number; nextTask: number; insertedAt: number } & OwnFrame

/**
 * Runs insertReplyAndTime in the content script's world of the page (`world`): the DOM is the
 * page's, the boxes are reachable there, and its `performance.now()` has the page's time origin, so
 * the times are on the page's clock. Until CDP has reported that world, nothing runs: asked again.
 */
export async function insertReplyAndTimeIn(world: ContentScriptWorld<unknown>, newId: string): Promise<Timed> {
  const run = () => world.evaluate<Timed>(`(${insertReplyAndTime.toString()})(${JSON.stringify({ newId, marksTag: MARKS_TAG })})`)
  return (await pollUntil(run, (timed) => timed !== null, { timeoutMs: 30_000, what: 'the content script in the bench page' }))!
}

/**
 * Runs in the content script's world (insertReplyAndTimeIn), or the page's where the extension does not
 * run (`marksTag` null: no mark waited for): prepends a reply holding `newId` to #conversation and times,
 * from the insertion: `mark`, a box of ours over the new ID's text, seen by a MutationObserver on our
 * closed shadow root; `markShown`, the first task after that, once the frame that paints it is rendered;
 * and the baselines, the page's own next task and next frame (OwnFrame, asked for before the content
 * script's so the layout it forces is not ours). `insertedAt` is wall-clock (timeOrigin + now).
 */
function insertReplyAndTime({ newId, marksTag }: { newId: string; marksTag: string | null }): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const host = marksTag === null ? null : document.querySelector(marksTag)
    const root = host
      ? (
          globalThis as unknown as { chrome: { dom: { openOrClosedShadowRoot(el: Element): ShadowRoot | null } } }
        ).chrome.dom.openOrClosedShadowRoot(host)
      : null
    if (marksTag !== null && !root) return reject(new Error('no layer of marks in the bench page'))
    let nextTask = -1
    let frame = -1
    let frameDone = -1
    let mark = -1
    let markShown = -1
    const t0 = performance.now()
    const reply = document.createElement('article')
    reply.innerHTML = `<p>Follow-up about ${newId}</p>`
    document.getElementById('conversation')!.prepend(reply)
    const done = () =>
      (markShown >= 0 || marksTag === null) &&
      nextTask >= 0 &&
      frameDone >= 0 &&
      resolve({ mark, markShown, nextTask, frame, frameDone, insertedAt: performance.timeOrigin + t0 })
    setTimeout(() => {
      nextTask = performance.now() - t0
      done()
    }, 0)
    requestAnimationFrame(() => {
      reply.getBoundingClientRect()
      frame = performance.now() - t0
      setTimeout(() => {
        frameDone = performance.now() - t0
        done()
      }, 0)
    })
    if (!root) return
    const idText = reply.querySelector('p')!.firstChild as Text
    const markedNow = () => {
      const range = document.createRange()
      range.setStart(idText, idText.data.indexOf(newId))
      range.setEnd(idText, idText.data.indexOf(newId) + newId.length)
      const r = range.getBoundingClientRect()
      // A box's style is in the document's coordinates (from our host's place): compared on screen.
      return Array.from(root.querySelectorAll('b')).some((b) => {
        const at = b.getBoundingClientRect()
        return Math.abs(at.left - r.left) < 1 && Math.abs(at.top - r.top) < 1
      })
    }
    const giveUp = setTimeout(() => reject(new Error('no mark within 5 s')), 5000)
    const check = () => {
      if (mark >= 0 || !markedNow()) return
      mark = performance.now() - t0
      boxes.disconnect()
      clearTimeout(giveUp)
      setTimeout(() => {
        markShown = performance.now() - t0
        done()
      }, 0)
    }
    const boxes = new MutationObserver(check)
    // Looked at only when our boxes change: a look at once would lay the page out in the insertion's
    // own task, on this side alone (the plain page lays out in its frame), and time the bench, not us.
    boxes.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['style'] })
  })
}
