import type { ContentScriptContext } from '#imports'
import { sendMessage } from '../lib/messages.ts'
import { createCardController } from './card/card-controller.ts'
import { createMarkBoxes, perFrame } from './marks/mark-boxes.ts'
import { createIdCount, type IdCount } from './scan/id-count.ts'
import { createLookupQueue } from './lookups/lookup-queue.ts'
import { createMarkStore, type Mark } from './marks/mark-store.ts'
import { MARK_TONES, toneOf } from './marks/mark-tone.ts'
import { createNearViewport, elementOf, PAINT_MARGIN } from './marks/near-viewport.ts'
import type { ParseCount } from './scan/parse-count.ts'
import { followPage } from './scan/page-follower.ts'
import { createPageIdsReport } from './lookups/page-ids-report.ts'
import { createPageInteraction, trusted } from './card/page-interaction.ts'
import { createPageScanner, TEXT_BUDGET } from './scan/page-scanner.ts'
import type { RangeInit } from './scan/run-matches.ts'
import { createSlicer, defaultRequestSlice } from './scan/slicer.ts'
import { isInsideSkipped } from './scan/text-runs.ts'
import { createUiModel, type UiActions } from './card/ui-model.ts'
import { followUuidFlag } from './scan/uuid-flag.ts'
import { t } from '../lib/i18n.ts'

/** The cap that stops runaway pages (a log viewer, an export): more than a ticket ever needs. Text is limited per time window (page-scanner.ts). */
export const MAX_DISTINCT_IDS = 2000
/** An answer older than this is asked again when the agent hovers the ID. */
const STALE_MS = 5 * 60_000
/**
 * How soon after a change of the page the marks' boxes are measured again (see createMarkBoxes'
 * scheduleChange). Measuring lays the page out, so a page rewriting its text every few ms must not pay
 * for a layout after each rewrite.
 */
const REMEASURE_AFTER_CHANGE_MS = 100
/** How soon a re-rendered ID's new mark must come for the card to stay with it (see cardOrphan). */
const REPLACED_WITHIN_MS = 100
/** Marks painted before the browser has measured where they are (see createNearViewport). */
const SHOW_AT_ONCE = 200
/**
 * The quick count's share of a task (the first scan slice gets what is left of it at
 * DOMContentLoaded): under 50 ms, a long task, with our setup and the report's message. The clock
 * is read every few hundred text nodes.
 */
const COUNT_TASK_MS = 30
/**
 * At DOMContentLoaded the count finishes in that task, up to this limit, since a later task waits for
 * Chrome's first layout of the page (a second or more on a big ticket). On such a page that task is long
 * with or without us (it holds the parser's last chunk and that layout). Past the limit, the rest goes on in slices.
 */
const COUNT_AT_DCL_MS = 400

/** The quick count's rules: the mark store's cap and the scan's text window (bare UUIDs wait for the site's settings). */
export const countOptions = (uuids = false) => ({ uuids, maxIds: MAX_DISTINCT_IDS, maxChars: TEXT_BUDGET.maxChars })

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

/**
 * Inline lookups on one page: scan the text in slices, paint the IDs, look them up in batches,
 * follow the page as it changes, report the IDs to the background, and drive the card and list.
 */
export async function startInlineLookups(ctx: ContentScriptContext, parseCount: ParseCount | null = null) {
  const doc = document
  const model = createUiModel()
  // Timers that fire after the extension was updated or removed do nothing. (ctx.setTimeout would
  // too, but it adds an abort listener per call, and the card sets timers on every hover.)
  const later = (run: () => void, ms: number) => setTimeout(() => ctx.isValid && run(), ms)
  // Bare UUIDs count only on the sites in settings: off until the background says (see "Settings" below).
  let uuids = false

  // --- Figures (for the benchmark and the browser tests) ------------------------------------------
  const startedAt = performance.now()
  const timings = {
    idleAt: null as number | null,
    /** When the quick count was done, how long it worked, in how many tasks, and how many IDs it found. */
    countedAt: null as number | null,
    countMs: 0,
    countTasks: 0,
    counted: 0,
    /** Wall-clock time (timeOrigin + now) the complete count's report went to the background. */
    reportedAt: null as number | null,
  }
  /** Cards opened so far (the browser tests check that only the agent's own input opens one). */
  let cardsShown = 0

  // --- Paint --------------------------------------------------------------------------------------
  const makeRange = (init: RangeInit): RangeInit => (typeof StaticRange === 'function' ? new StaticRange(init) : init)
  const rangeOf = (mark: Mark) => liveRange(doc, mark.range)
  // Boxes in our closed shadow root over the marks near the viewport, one neutral look, measured once per frame (see mark-boxes.ts).
  const boxes = createMarkBoxes({
    doc,
    rectsOf: (mark) => rangeOf(mark)?.getClientRects() ?? [],
    elementOf,
    scheduleFlush: perFrame(),
    // A plain timer: measuring calls no extension API, and asking whether the extension is still
    // there (ctx.isValid reads runtime.id) cost a ticking page half as much as the measuring.
    scheduleChange: (flush) => setTimeout(flush, REMEASURE_AFTER_CHANGE_MS),
  })

  // --- Lookups and the card -----------------------------------------------------------------------
  const queue = createLookupQueue({
    // Re-asks after a vendor wait are background work: the relay's gate sheds them first (Priority: u=5).
    send: (ids, options) => sendMessage('lookupIds', { ids, background: options?.background === true }),
    // Statuses show in the card and list only: the marks' boxes do not change with them.
    onUpdate() {
      model.lookupVersion.value++
    },
  })
  // Painted and looked up: the marks about to scroll in or in view. One observer for both: on a
  // page with thousands of marks, Chrome's per-frame cost while scrolling grows with every element observed.
  const inView = createNearViewport({
    onNear: (marks) => queue.request(marks),
    onShow: (marks) => marks.forEach((mark) => boxes.show(mark)),
    onHide: (marks) => marks.forEach((mark) => boxes.hide(mark)),
    rootMargin: PAINT_MARGIN,
    // A new ID is most likely where the agent is reading: painted at once, before it is measured.
    showAtOnce: SHOW_AT_ONCE,
  })
  // Set by a list pick or the keyboard command just before the card opens: focus moves into it.
  let focusCard = false
  const cards = createCardController({
    show({ mark, source }) {
      cardsShown++
      queue.request([mark], { urgent: true, maxAgeMs: STALE_MS })
      const range = rangeOf(mark)
      const anchor = range?.getBoundingClientRect()
      if (!range || !anchor) return cards.close()
      model.card.value = { key: mark.key, id: mark.id, kind: mark.kind, source, anchor, takeFocus: source === 'list' && focusCard }
      model.ring.value = source === 'list' ? [...range.getClientRects()] : []
      focusCard = false
    },
    hide() {
      model.card.value = null
      model.ring.value = []
    },
    setTimer: later,
  })

  // --- Parts that call each other back ------------------------------------------------------------
  /*
  Three pairs need each other: the store tells the report of each new or lost mark, and the report
  lists the store; the slicer's idle shows the scanner's caps, and the scanner works in the slicer's
  slices; the scanner meets shadow roots the follower then follows, and the follower rescans through
  the scanner. The first of each pair calls through one of these, set once the second exists (below).
  */
  const calls = {
    reportChanged: () => {},
    scanIdle: () => {},
    shadowRootMet: (_root: ShadowRoot) => {},
  }

  // --- Marks, the scan and the report -------------------------------------------------------------
  /*
  The card's mark, just removed: frameworks re-render a thread by replacing it with new nodes of the
  same text, and the rescan usually marks them in the same task. A mark of the same ID added within
  REPLACED_WITHIN_MS takes the card over; otherwise the card goes with its mark.
  */
  let cardOrphan: Mark | null = null
  const store = createMarkStore({
    maxIds: MAX_DISTINCT_IDS,
    added(mark) {
      inView.add(mark)
      if (cardOrphan?.key === mark.key) {
        cards.markReplaced(cardOrphan, mark)
        cardOrphan = null
      }
      calls.reportChanged()
    },
    removed(mark) {
      boxes.hide(mark)
      inView.remove(mark)
      if (cards.pending === mark || cards.shown?.mark === mark) {
        cardOrphan = mark
        later(() => {
          if (cardOrphan !== mark) return
          cardOrphan = null
          cards.markRemoved(mark)
        }, REPLACED_WITHIN_MS)
      }
      calls.reportChanged()
    },
  })
  const slicer = createSlicer({
    // The first pass over the page in longer slices (still no long task): the badge is up sooner.
    firstPassSliceMs: 30,
    onError: (err) => console.debug('[IDV Lens] scan step failed', err),
    onIdle: () => calls.scanIdle(),
  })
  const scanner = createPageScanner({
    store,
    slicer,
    uuids: () => uuids,
    makeRange,
    setTimer: later,
    onShadowRoot: (root) => calls.shadowRootMet(root),
  })
  const showCapped = () => (model.capped.value = store.capped ? 'ids' : scanner.textCapped ? 'text' : null)
  const report = createPageIdsReport({
    store,
    send: (ids) => sendMessage('reportPageIds', { ids }),
    onPublish(ids) {
      model.ids.value = ids
      showCapped()
    },
    setTimer: later,
    maxIds: MAX_DISTINCT_IDS,
  })
  calls.reportChanged = () => report.changed()
  // Whether it stopped at a cap is known now (a new page in a single-page app starts afresh).
  // New IDs reach the badge now, not after the report's delay (which gathers a long scan's finds).
  // The marks' boxes are drawn in the next frame, not here: measuring them lays the page out, and
  // in the frame that layout is the one the browser does anyway (after a 5 MB ticket's first scan,
  // over a second of it would otherwise land in our task).
  calls.scanIdle = () => {
    showCapped()
    void report.flush()
  }

  // --- Following the page -------------------------------------------------------------------------
  // The page's open shadow roots are followed like the document; only while their host is in the
  // page (a component that leaves the page is let go of: see the follower).
  const follower = followPage({
    doc,
    store,
    scanner,
    slicer,
    onNavigate() {
      // A new page in a single-page app: a fresh text window, and the old page's card goes.
      scanner.resetBudget()
      cards.close()
    },
    onFrameRemoved() {
      void sendMessage('framesRemoved', undefined).catch(() => {})
    },
    // The boxes follow the page's changes (shadow trees' too) through this one observer of the page.
    onBatch: boxes.changed,
  })
  calls.shadowRootMet = (root) => void follower.observeShadow(root)

  // --- Settings -----------------------------------------------------------------------------------
  // The first scan does not wait for the UUID flag (on a big ticket, the browser's first layout
  // would get in first and the badge would wait for it); on a UUID site the page is scanned again
  // once the flag is known.
  const applyUuids = (next: boolean) => {
    if (next === uuids) return
    uuids = next
    store.clear()
    if (doc.body) scanner.scan(doc.body)
  }
  const settings = followUuidFlag((next) => {
    const failed = queue.forgetFailures()
    applyUuids(next)
    // IDs whose lookup failed (no relay configured yet) are asked again with the new settings; only
    // those: an ID never asked about (far from the viewport, or planted by the page) waits until the
    // agent comes near it. (A settings read that lands late, as the first storage.managed read after
    // a browser start does, once looked every ID on the page up.)
    queue.request(store.ids().filter((p) => failed.has(p.key)))
  }).then((flag) => {
    applyUuids(flag.uuids)
    return flag
  })

  // --- The quick count (the badge) ----------------------------------------------------------------
  /**
   * Count first, mark later: the badge needs only the distinct IDs, and one walk that makes no
   * ranges finds them in a single task at DOMContentLoaded. The sliced scan that makes the marks
   * takes several tasks, and on a big ticket the browser's first layout (seconds) lands between them.
   * Returns the milliseconds it took in this task.
   */
  function countNow(root: Node, parsed: IdCount | null, atDomContentLoaded: boolean): number {
    // Most of a big page was counted while it parsed (parse-count.ts): this task does the rest.
    const count = parsed !== null && parsed.root === root && !uuids ? parsed : createIdCount(root, countOptions(uuids))
    let limit = atDomContentLoaded ? COUNT_AT_DCL_MS : COUNT_TASK_MS
    const step = (): number => {
      const t0 = performance.now()
      const done = count.step(limit)
      limit = COUNT_TASK_MS
      const took = performance.now() - t0
      timings.countMs += took
      timings.countTasks++
      timings.counted = count.size
      // Reported at each step: the count only grows, so the badge never goes back.
      void report.early(count.ids())
      if (done) timings.reportedAt = performance.timeOrigin + performance.now()
      if (done) timings.countedAt = performance.now()
      // The rest in the next task, ahead of the scan's slices (queued after it, at the same priority).
      else defaultRequestSlice(() => void (ctx.isValid && step()), 'user-blocking')
      return took
    }
    return step()
  }

  // --- The extension's and the page's life ---------------------------------------------------------
  ctx.onInvalidated(() => {
    follower.disconnect()
    slicer.stop()
    inView.disconnect()
    boxes.dispose()
    void settings.then((flag) => flag.stop())
  })
  // Back from the back/forward cache: the background cleared this tab's badge on the navigation.
  ctx.addEventListener(
    window,
    'pageshow',
    trusted((e: PageTransitionEvent) => {
      if (e.persisted) report.now()
    }),
  )

  // --- What the UI can do -----------------------------------------------------------------------
  /** Pointer, focus and scroll handling: set once the shadow root exists (attachUi). */
  let interaction: ReturnType<typeof createPageInteraction> | null = null
  function notify(text: string): void {
    model.notice.value = text
    later(() => {
      if (model.notice.value === text) model.notice.value = null
    }, 5000)
  }

  /** The first occurrence the agent can see (hidden copies of an ID have empty boxes). */
  function firstVisibleMark(key: string): Mark | null {
    let fallback: Mark | null = null
    for (const mark of store.marksOf(key)) {
      const box = rangeOf(mark)?.getBoundingClientRect()
      if (box && (box.width > 0 || box.height > 0)) return mark
      fallback ??= mark
    }
    return fallback
  }
  function showFromList(key: string, takeFocus: boolean): void {
    const mark = firstVisibleMark(key)
    if (!mark) return
    interaction?.scrollIntoView(mark)
    focusCard = takeFocus
    cards.openFromList(mark)
  }

  const actions: UiActions = {
    lookup: (key) => queue.get(key),
    openList() {
      model.listOpen.value = true
      // The agent asked for the whole list: look everything up (batched, 100 per call).
      queue.request(store.ids())
    },
    closeList() {
      model.listOpen.value = false
      if (cards.shown?.source === 'list') cards.close()
    },
    previewRow: (key) => showFromList(key, false),
    pickRow: (key) => showFromList(key, true),
    closeCard: () => cards.close(),
    pointerInCard: (inside) => cards.pointerInCard(inside),
    openDetail(id, section) {
      sendMessage('openDetail', section ? { id, section } : { id }).catch(() => notify(t('noticeReload')))
    },
    watchState: (id) => sendMessage('watchState', { id }).then((r) => r.watching),
    setWatch: (id, on, seen) => sendMessage('setWatch', { id, on, seen }),
  }

  return {
    model,
    actions,
    notify,
    /**
     * Scans the page and starts following it. Needs no UI, so it runs before the shadow root exists.
     * `atDomContentLoaded`: called in that event's task (the count may take longer in it: see COUNT_AT_DCL_MS).
     */
    start(atDomContentLoaded = false): void {
      const parsed = parseCount?.take() ?? null
      if (doc.body) {
        const counting = countNow(doc.body, parsed, atDomContentLoaded)
        scanner.scan(doc.body)
        // The first slice in this task too, in what the count left of it, before the browser's next
        // task (on a big ticket, a long layout).
        if (COUNT_TASK_MS - counting >= 5) slicer.runNow(COUNT_TASK_MS - counting)
      }
      follower.observe()
      void slicer.idle().then(() => {
        timings.idleAt = performance.now()
        // The marks are complete: from now on they alone are the page's IDs.
        void report.endEarly()
      })
    },
    /**
     * Resolves when the first pass over the page is done (the UI waits for it: see the entrypoint),
     * or after a second on a page that never lets the queue run empty.
     */
    firstPass: () => Promise.race([slicer.idle(), new Promise<void>((resolve) => setTimeout(resolve, 1000))]),
    /** Called once the shadow root exists: pointer, focus and scroll handling need our host element. */
    attachUi(host: HTMLElement): void {
      interaction = createPageInteraction({ ctx, doc, host, store, cards, model, rangeOf, isEditable: isInsideSkipped })
    },
    /** The keyboard command: into the open card, or open the list. */
    showPageIds(): boolean {
      const shown = cards.shown
      if (shown && model.card.value) {
        focusCard = true
        cards.openFromList(shown.mark)
        return true
      }
      actions.openList()
      model.focusList.value++
      return true
    },
    reportAgain: () => report.now(),
    /**
     * How many marks each status colour would have, and how many are painted (for the browser tests:
     * the colours show only in the card and list, never in the page's boxes).
     */
    markTones: () => {
      const tones: Record<string, number> = { ...Object.fromEntries(MARK_TONES.map((tone) => [tone, 0])), painted: boxes.painted }
      for (const { key } of store.ids()) {
        const tone = toneOf(queue.get(key))
        tones[tone] = (tones[tone] ?? 0) + store.marksOf(key).size
      }
      return tones
    },
    /** Figures for the benchmark (read through the isolated world; the page cannot see them). */
    stats: () => ({
      startedAt,
      ...timings,
      ids: store.size,
      marks: store.marks,
      nodesHeld: store.nodesHeld,
      nearWaiting: inView.waiting,
      painted: boxes.painted,
      scannedChars: scanner.scannedChars,
      windowChars: scanner.windowChars,
      pendingJobs: slicer.pending,
      cardsShown,
      /** A card is open or about to open (hover and focus wait a moment first). */
      cardComing: cards.pending !== null || cards.shown !== null,
      /** The count's work while the page parsed: chunks, total and longest milliseconds. */
      parse: parseCount?.stats ?? null,
      ...slicer.stats,
    }),
  }
}

export type InlineLookups = Awaited<ReturnType<typeof startInlineLookups>>
