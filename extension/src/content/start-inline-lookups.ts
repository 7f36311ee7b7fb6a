import type { ContentScriptContext } from '#imports'
import { sendMessage } from '../lib/messages.ts'
import type { CardCopy, PageNotice } from '../lib/content-messages.ts'
import type { LookupQueue } from './lookups/lookup-queue.ts'
import { trusted } from './card/page-interaction.ts'
import { createUiModel, type UiModel } from './card/ui-model.ts'
import { createControlsLoader, type Controls } from './controls.ts'
import { createBudgetClock } from './budget-clock.ts'
import { inlineHooks, instrument, INSTRUMENTED } from './instrumentation.ts'
import { createPageIdsReport } from './lookups/page-ids-report.ts'
import { createMarkStore, MAX_DISTINCT_IDS, type Mark, type MarkStore } from './marks/mark-store.ts'
import { createPageScan, type PageScan } from './page-scan.ts'
import type { RangeInit } from './scan/run-matches.ts'
import { isInsideSkipped } from './scan/text-runs.ts'
import { followUuidFlag } from './scan/uuid-flag.ts'

/** Live ranges only while measuring: StaticRanges cost the page nothing when its DOM changes. */
function liveRange(doc: Document, init: RangeInit): Range | null {
  try {
    const r = doc.createRange()
    r.setStart(init.startContainer, init.startOffset)
    r.setEnd(init.endContainer, init.endOffset)
    return r
  } catch {
    return null // the text changed since the scan; its rescan is already queued
  }
}

/** The scan's first slice, in the task that starts it: under 50 ms, a long task, with our setup. */
const FIRST_SLICE_MS = 30

/**
 * Inline lookups on one page: scan the text in slices, paint the IDs, look them up in batches,
 * follow the page as it changes, report the IDs to the background, and load the controls (card,
 * list, launcher) once there is an ID. Each part is built after the parts it uses; the mark store
 * tells the others of each mark.
 */
export async function startInlineLookups(ctx: ContentScriptContext) {
  const doc = document
  // Timers that fire after the extension was updated or removed do nothing (ctx.setTimeout adds an
  // abort listener per call, and the card sets timers on every hover).
  const later: Later = (run, ms) => setTimeout(() => ctx.isValid && run(), ms)
  const rangeOf = (mark: Mark) => liveRange(doc, mark.range)
  const model = createUiModel()
  const store = createMarkStore({ maxIds: MAX_DISTINCT_IDS })
  // Set once the first pass is over (see firstPass below).
  let firstPassOver = false
  const controls = createControlsLoader({
    ctx,
    doc,
    model,
    store,
    rangeOf,
    later,
    send: sendMessage,
    isEditable: isInsideSkipped,
    firstPassOver: () => firstPassOver,
  })
  // Only an instrumented build lets a browser test step the text budget's clock.
  const budgetClock = INSTRUMENTED ? createBudgetClock(later) : undefined
  const scan = createPageScan({
    doc,
    store,
    later,
    budgetClock,
    // A new page in a single-page app: the old page's card goes.
    onNavigate: () => controls.current?.card.cards.close(),
    onBatch: (records) => controls.current?.paint.changed(records),
  })
  const report = reportPageIds({ store, scan, model, later })
  const settings = followSettings(scan, () => controls.current?.queue ?? null, store, model)
  followLifecycle({ ctx, scan, report, settings })

  /** The keyboard command: into the open card, or open the list (the controls come first if they are not here yet). */
  const showPageIds = async () => (await controls.load())?.showPageIds() ?? false
  if (INSTRUMENTED && budgetClock) instrumentForTests({ store, scan, controls, showPageIds, budgetClock })

  return inlineLookupsApi({
    ctx,
    model,
    store,
    scan,
    report,
    controls,
    showPageIds,
    settled: settings.then(() => undefined),
    passed: () => void (firstPassOver = true),
  })
}

/**
 * The page's IDs to the background, the badge's count: new IDs reach it as soon as a scan ends, not
 * after the report's delay; the boxes are measured in the next frame, in the layout the browser does anyway.
 */
function reportPageIds({ store, scan, model, later }: { store: MarkStore; scan: PageScan; model: UiModel; later: Later }) {
  const showCapped = () => (model.capped.value = scan.capped())
  const report = createPageIdsReport({
    store,
    send: (ids) => sendMessage('reportPageIds', { ids }),
    onPublish(ids) {
      model.ids.value = ids
      showCapped()
    },
    setTimer: later,
  })
  scan.on('idle', () => {
    showCapped()
    void report.flush()
  })
  return report
}

/** Stops with the extension; back from the back/forward cache, reports again (the background cleared the tab's badge). */
function followLifecycle(parts: {
  ctx: ContentScriptContext
  scan: PageScan
  report: Report
  settings: ReturnType<typeof followSettings>
}) {
  const { ctx, scan, report, settings } = parts
  ctx.onInvalidated(() => {
    scan.stop()
    void settings.then((flag) => flag.stop())
  })
  ctx.addEventListener(
    window,
    'pageshow',
    trusted((e: PageTransitionEvent) => {
      if (e.persisted) report.now()
    }),
  )
}

/** A browser test's hooks into this page's lookups: only an instrumented build has them. */
function instrumentForTests(parts: {
  store: MarkStore
  scan: PageScan
  controls: Loader
  showPageIds: () => Promise<boolean>
  budgetClock: ReturnType<typeof createBudgetClock>
}) {
  const { controls, ...rest } = parts
  instrument({
    inline: inlineHooks({
      ...rest,
      queue: () => controls.current?.queue ?? null,
      paint: () => controls.current?.paint ?? null,
      card: () => controls.current?.card ?? null,
    }),
  })
}

type Loader = ReturnType<typeof createControlsLoader>
type Later = (run: () => void, ms: number) => ReturnType<typeof setTimeout>
type Report = ReturnType<typeof createPageIdsReport>

type ApiParts = {
  ctx: ContentScriptContext
  model: UiModel
  store: MarkStore
  scan: PageScan
  /** Tells the paint the first pass is over. */
  passed: () => void
  report: Report
  controls: Loader
  showPageIds: () => Promise<boolean>
  /** The site's first settings applied: a UUID rescan then drops no card the agent opened. */
  settled: Promise<void>
}

/** What the entrypoint and the background's messages drive on this page's lookups. */
function inlineLookupsApi({ ctx, model, store, scan, report, controls, showPageIds, settled, passed }: ApiParts) {
  return {
    model,
    showPageIds,
    ...cardCommands(() => controls.current),
    showNotice: (notice: PageNotice) => void controls.load().then((loaded) => loaded?.showNotice(notice)),
    /** Scans the page and starts following it. Needs no UI, so it runs before the shadow root exists. */
    start(): void {
      // The first slice in this task; the badge comes when the first pass is done (the idle report above).
      scan.start(FIRST_SLICE_MS)
    },
    /**
     * Resolves when the first pass over the page is done (the UI waits for it: see the entrypoint),
     * or after a second on a page that never lets the queue run empty; new IDs are painted at once from then on.
     */
    firstPass: () => Promise.race([scan.slicer.idle(), new Promise<void>((resolve) => setTimeout(resolve, 1000))]).then(passed),
    /**
     * After the first pass: the controls come now if the frame has an ID, else with its first one.
     * Until then the frame holds no element of ours.
     */
    loadControlsWithIds(): void {
      void settled.then(() => {
        if (store.size > 0) void controls.load()
        // Until they are here: a load that failed is tried again with the next ID.
        const stop = store.on('added', () => void (controls.current ? stop() : controls.load()))
        ctx.onInvalidated(stop)
      })
    },
    reportAgain: () => report.now(),
    /** Some of this frame's IDs changed (background/object-changes.ts): those answered are asked again. */
    reread: (ids: readonly string[]) => controls.current?.queue.reread(store.ids().filter((p) => ids.includes(p.id))),
  }
}

/**
 * Follows the site's settings. The first scan does not wait for the UUID flag (the badge would wait
 * for the browser's first layout of a big ticket); on a UUID site the page is scanned again once it is known.
 */
function followSettings(scan: PageScan, queueOf: () => LookupQueue | null, store: MarkStore, model: UiModel) {
  return followUuidFlag((next, cardFields) => {
    model.cardFields.value = cardFields
    // No queue yet (the controls bring it): nothing was asked.
    const queue = queueOf()
    const failed = queue?.forgetFailures()
    scan.setUuids(next)
    // IDs whose lookup failed (no relay configured yet) are asked again with the new settings; only
    // those: an ID never asked about waits until the agent comes near it.
    if (queue && failed) queue.request(store.ids().filter((p) => failed.has(p.key)))
  }).then((flag) => {
    scan.setUuids(flag.uuids)
    model.cardFields.value = flag.cardFields
    return flag
  })
}

/** The card commands' target in this frame, and the command (background/card-commands.ts): none before the controls. */
const cardCommands = (controls: () => Controls | null) => ({
  cardTarget: () => controls()?.card.target() ?? null,
  copyFromCard: (what: CardCopy) => controls()?.copyFromCard(what) ?? false,
})

export type InlineLookups = Awaited<ReturnType<typeof startInlineLookups>>
