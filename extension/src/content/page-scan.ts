import { sendMessage } from '../lib/messages.ts'
import { createEmitter } from './emitter.ts'
import type { MarkStore } from './marks/mark-store.ts'
import { followPage } from './page-follower.ts'
import { createPageScanner, type PageScanner } from './scan/page-scanner.ts'
import type { RangeInit } from './scan/run-matches.ts'
import { createSlicer, type Slicer } from './scan/slicer.ts'

export type PageScanDeps = {
  doc: Document
  store: MarkStore
  /** A timer that does nothing once the extension was updated or removed. */
  later: (run: () => void, ms: number) => unknown
  /** A new page in a single-page app. */
  onNavigate: () => void
  /** Each batch of the page's changes (the marks' boxes follow them through this one observer). */
  onBatch: (batch: readonly MutationRecord[]) => void
}

/** What the scan tells: its queue ran empty, or it met an open shadow root of the page. */
type ScanEvents = { idle: undefined; shadowRoot: ShadowRoot }

/** StaticRanges cost the page nothing when its DOM changes (the marks' ranges are made live only to measure). */
const makeRange = (init: RangeInit): RangeInit => (typeof StaticRange === 'function' ? new StaticRange(init) : init)

/**
 * The page's text, scanned in slices into the mark store and followed as it changes, its open
 * shadow roots too (only while their host is in the page: see the follower).
 */
export function createPageScan(deps: PageScanDeps) {
  const { doc, store, later } = deps
  const events = createEmitter<ScanEvents>()
  // Bare UUIDs count only on the sites in settings: off until the background says (see setUuids).
  let uuids = false
  const slicer = createSlicer({
    // The first pass over the page in longer slices (still no long task): the badge is up sooner.
    firstPassSliceMs: 30,
    onError: (err) => console.debug('[IDV Lens] scan step failed', err),
    onIdle: () => events.emit('idle', undefined),
  })
  const scanner = createPageScanner({
    store,
    slicer,
    uuids: () => uuids,
    makeRange,
    setTimer: later,
    onShadowRoot: (root) => events.emit('shadowRoot', root),
  })
  const follower = followScanned(deps, scanner, slicer)
  events.on('shadowRoot', (root) => void follower.observeShadow(root))

  return {
    slicer,
    scanner,
    on: events.on,
    /** Whether the scan stopped at a cap: the store's on distinct IDs, or the text window. */
    capped: (): 'ids' | 'text' | null => (store.capped ? 'ids' : scanner.textCapped ? 'text' : null),
    get uuids() {
      return uuids
    },
    /** Bare UUIDs count or not from now on: the page is scanned afresh when that changes. */
    setUuids(next: boolean): void {
      if (next === uuids) return
      uuids = next
      store.clear()
      if (doc.body) scanner.scan(doc.body)
    },
    /** Scans the page, the first slice within `sliceMs` in this task, and follows it from now on. */
    start(sliceMs: number): void {
      if (doc.body) {
        scanner.scan(doc.body)
        if (sliceMs >= 5) slicer.runNow(sliceMs)
      }
      follower.observe()
    },
    stop(): void {
      follower.disconnect()
      slicer.stop()
    },
  }
}

/** The follower of the page's changes: a new page in a single-page app gets a fresh text window. */
function followScanned(deps: PageScanDeps, scanner: PageScanner, slicer: Slicer) {
  return followPage({
    ...deps,
    scanner,
    slicer,
    onNavigate() {
      scanner.resetBudget()
      deps.onNavigate()
    },
    onFrameRemoved() {
      void sendMessage('framesRemoved', undefined).catch(() => {})
    },
  })
}

export type PageScan = ReturnType<typeof createPageScan>
