import type { ContentScriptContext } from '#imports'
import { readManagedSettings, watchSettings } from '../lib/effective-settings.ts'
import { sendMessage } from '../lib/messages.ts'
import { siteSettingsItem } from '../lib/settings.ts'
import { createCardController, type CardTarget } from './card-controller.ts'
import { browserHighlights, createHighlighter, installHighlightStyles } from './highlights.ts'
import { createLookupQueue } from './lookup-queue.ts'
import { createMarkStore, type Mark } from './mark-store.ts'
import { toneOf } from './mark-tone.ts'
import { createNearViewport } from './near-viewport.ts'
import { createPageInteraction } from './page-interaction.ts'
import { createPageScanner } from './page-scanner.ts'
import { WATCHED_ATTRIBUTES, planMutations } from './page-watcher.ts'
import type { RangeInit } from './run-matches.ts'
import { createSlicer } from './slicer.ts'
import { isInsideSkipped } from './text-runs.ts'
import { createUiModel, type UiActions } from './ui-model.ts'
import { isUuidSite } from './uuid-sites.ts'

/** Caps that stop runaway pages (a log viewer, an export): what a ticket never needs. */
export const MAX_DISTINCT_IDS = 2000
export const MAX_SCANNED_CHARS = 20 * 1024 * 1024
/** An answer older than this is asked again when the agent hovers the ID. */
const STALE_MS = 5 * 60_000
const RECORDS_PER_UNIT = 200
const REPORT_DELAY_MS = 250

async function readUuidFlag(host: string): Promise<boolean> {
  const [local, managed] = await Promise.all([siteSettingsItem.getValue(), readManagedSettings()])
  return isUuidSite(host, [...(local?.uuidSites ?? []), ...(managed.uuidSites ?? [])])
}

/** Live ranges only while measuring: StaticRanges cost the page nothing when its DOM changes. */
function liveRange(doc: Document, init: RangeInit): Range | null {
  try {
    const r = doc.createRange()
    r.setStart(init.startContainer, init.startOffset)
    r.setEnd(init.endContainer, init.endOffset)
    return r
  } catch {
    return null // the text changed since the scan; the rescan is already queued
  }
}

/**
 * Inline lookups on one page: scan the text in slices, paint the IDs, look them up in batches,
 * follow the page as it changes, report the IDs to the background, and drive the card and list.
 */
export async function startInlineLookups(ctx: ContentScriptContext) {
  const doc = document
  const model = createUiModel()
  let uuids = await readUuidFlag(location.hostname)
  const startedAt = performance.now()
  const timings = { firstMarkAt: null as number | null, idleAt: null as number | null }

  const styles = installHighlightStyles(doc)
  const highlightApi = browserHighlights()
  const highlighter = highlightApi ? createHighlighter(highlightApi) : null
  const makeRange = (init: RangeInit): RangeInit => (typeof StaticRange === 'function' ? new StaticRange(init) : init)
  const rangeOf = (mark: Mark) => liveRange(doc, mark.range)

  let interaction: ReturnType<typeof createPageInteraction> | null = null
  const near = createNearViewport({ onNear: (marks) => queue.request(marks) })
  const store = createMarkStore({
    maxIds: MAX_DISTINCT_IDS,
    added(mark) {
      timings.firstMarkAt ??= performance.now()
      highlighter?.paint(mark, toneOf(queue.get(mark.key)))
      near.add(mark)
      scheduleReport()
    },
    removed(mark) {
      highlighter?.erase(mark)
      near.remove(mark)
      cards.markRemoved(mark)
      scheduleReport()
    },
  })
  const queue = createLookupQueue({
    send: (ids) => sendMessage('lookupIds', { ids }),
    onUpdate(keys) {
      for (const key of keys) {
        const tone = toneOf(queue.get(key))
        for (const mark of store.marksOf(key)) highlighter?.paint(mark, tone)
      }
      model.lookupVersion.value++
    },
  })
  const slicer = createSlicer({ onError: (err) => console.debug('[IDV Lens] scan step failed', err) })
  const scanner = createPageScanner({ store, slicer, uuids: () => uuids, makeRange, maxChars: MAX_SCANNED_CHARS })

  const cards = createCardController({
    show(target: CardTarget) {
      const { mark, source } = target
      highlighter?.setActive([...store.marksOf(mark.key)])
      queue.request([mark], { urgent: true, maxAgeMs: STALE_MS })
      const anchor = rangeOf(mark)?.getBoundingClientRect()
      if (!anchor) return cards.close()
      model.card.value = { key: mark.key, id: mark.id, kind: mark.kind, source, anchor, takeFocus: source === 'list' && listPick }
      listPick = false
    },
    hide() {
      model.card.value = null
      model.ring.value = []
      highlighter?.setActive([])
    },
    setTimer: (run, ms) => ctx.setTimeout(run, ms),
    clearTimer: (h) => clearTimeout(h as number),
  })
  let listPick = false

  // --- Reporting the page's IDs (badge, popup, the list) -------------------------------------
  let reportTimer = false
  let reportedVersion = -1
  function scheduleReport(): void {
    if (reportTimer) return
    reportTimer = true
    ctx.setTimeout(() => {
      reportTimer = false
      publishIds(false)
    }, REPORT_DELAY_MS)
  }
  function publishIds(force: boolean): void {
    model.capped.value = store.capped ? 'ids' : scanner.textCapped ? 'text' : null
    if (!force && store.version === reportedVersion) return
    reportedVersion = store.version
    const ids = store.ids()
    model.ids.value = ids
    sendMessage('reportPageIds', { ids: ids.map(({ id, kind }) => ({ id, kind })) }).catch(() => {
      // The background is restarting or the extension was updated; the next change reports again.
    })
  }

  // --- Following the page ---------------------------------------------------------------------
  const records: MutationRecord[] = []
  let lastUrl = location.href
  function* processRecords(): Generator<void> {
    while (records.length > 0) {
      const chunk = records.splice(0, RECORDS_PER_UNIT)
      const plan = planMutations(chunk, doc)
      for (const el of plan.reset) dropWithin(el)
      for (const root of plan.roots) scanner.scan(root)
      if (plan.removed) store.sweep()
      yield
    }
  }
  /** Forgets the marks inside `el` before its rescan (it became editable or hidden, or a link changed). */
  function dropWithin(el: Element): void {
    store.removeAt(el)
    const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (store.at(n)) store.removeAt(n)
  }
  const observer = new MutationObserver((batch) => {
    if (location.href !== lastUrl) {
      // A new page in a single-page app: a fresh text budget, and the old page's card goes.
      lastUrl = location.href
      scanner.resetBudget()
      cards.close()
    }
    const wasEmpty = records.length === 0
    records.push(...batch)
    if (wasEmpty) slicer.add(processRecords())
    // The page may have reset the registry or its style sheets; ours go back (two cheap checks).
    highlighter?.register()
    styles.ensure()
  })

  function start(): void {
    if (doc.body) scanner.scan(doc.body)
    observer.observe(doc.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: WATCHED_ATTRIBUTES,
    })
    void slicer.idle().then(() => {
      timings.idleAt = performance.now()
      publishIds(true)
    })
  }

  const unwatchSettings = watchSettings(async () => {
    queue.forgetFailures()
    const next = await readUuidFlag(location.hostname)
    if (next !== uuids) {
      uuids = next
      store.clear()
      if (doc.body) scanner.scan(doc.body)
    }
    // Statuses that failed (relay not configured yet) are asked again with the new settings.
    queue.request(store.ids().filter((p) => queue.get(p.key) === undefined))
  })

  ctx.onInvalidated(() => {
    observer.disconnect()
    slicer.stop()
    near.disconnect()
    highlighter?.dispose()
    styles.remove()
    unwatchSettings()
  })

  // --- What the UI can do -----------------------------------------------------------------------
  const firstVisibleMark = (key: string): Mark | null => {
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
    model.ring.value = [...(rangeOf(mark)?.getClientRects() ?? [])]
    listPick = takeFocus
    cards.openFromList(mark)
    model.ring.value = [...(rangeOf(mark)?.getClientRects() ?? [])]
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
    openDetail(id) {
      sendMessage('openDetail', { id }).catch(() => {
        model.notice.value = 'IDV Lens was updated: reload the page to open the side panel.'
      })
    },
  }

  return {
    model,
    actions,
    start,
    /** Called once the shadow root exists: pointer, focus and scroll handling need our host element. */
    attachUi(host: HTMLElement): void {
      interaction = createPageInteraction({ ctx, doc, host, store, cards, model, rangeOf, isEditable: isInsideSkipped })
    },
    /** The keyboard command: into the open card, or open the list. */
    showPageIds(): boolean {
      const shown = cards.shown
      if (shown && model.card.value) {
        listPick = true
        cards.openFromList(shown.mark)
        return true
      }
      actions.openList()
      model.focusList.value++
      return true
    },
    notify(text: string): void {
      model.notice.value = text
      ctx.setTimeout(() => {
        if (model.notice.value === text) model.notice.value = null
      }, 5000)
    },
    reportAgain: () => publishIds(true),
    /** Figures for the benchmark (read through the isolated world; the page cannot see them). */
    stats: () => ({
      startedAt,
      ...timings,
      ids: store.size,
      scannedChars: scanner.scannedChars,
      pendingJobs: slicer.pending,
      ...slicer.stats,
    }),
  }
}

export type InlineLookups = Awaited<ReturnType<typeof startInlineLookups>>
