import type { MarkStore } from './marks/mark-store.ts'
import type { PageScanner } from './scan/page-scanner.ts'
import { WATCHED_ATTRIBUTES, planMutations, type MutationPlan } from './scan/page-watcher.ts'
import type { Slicer } from './scan/slicer.ts'

/** Mutation records planned per unit of work: a page that renders a whole ticket at once sends thousands. */
const RECORDS_PER_UNIT = 200
/** The most a batch of changes is worked on inside the page's task (see the observer). */
const IMMEDIATE_MS = 6

export type FollowerDeps = {
  doc: Document
  store: MarkStore
  scanner: PageScanner
  slicer: Slicer
  /** The URL changed without a page load (single-page app navigation). */
  onNavigate: () => void
  /** Each batch of records, all of them (the marks' boxes measure again what they may have moved). */
  onBatch: (batch: readonly MutationRecord[]) => void
  /** An iframe left the page (its IDs must leave the tab's count). */
  onFrameRemoved?: () => void
  /** A followed shadow root's host left the page: whatever else holds the root lets go of it too. */
  onShadowReleased?: (root: ShadowRoot) => void
}

/*
Every attribute: the marks' boxes follow the page through this observer too (one observer of the
page, its records walked once: see onBatch), and a class or a style may move or cover a mark.
*/
const OBSERVED: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributes: true }

/**
 * Follows the page as it changes: a MutationObserver collects records, and their planning and
 * rescans run in the slicer like the first scan, so a page that rewrites itself never gets a
 * long task from us. Only new or changed text is scanned (see planMutations).
 */
export function followPage(deps: FollowerDeps) {
  const { doc, store, scanner, slicer } = deps
  const records: MutationRecord[] = []
  let lastUrl = doc.location?.href ?? ''

  // Done in the unit that plans the last records: the slice goes on to their scan at once.
  function* processRecords(): Generator<void> {
    for (;;) {
      const plan = planMutations(records.splice(0, RECORDS_PER_UNIT), doc)
      if (applyPlan(plan, doc, store, scanner)) shadows.releaseDetached()
      if (plan.removedFrame) deps.onFrameRemoved?.()
      if (records.length === 0) return
      yield
    }
  }

  const onRecords = (batch: MutationRecord[]) => {
    const url = doc.location?.href ?? ''
    if (url !== lastUrl) {
      lastUrl = url
      deps.onNavigate()
    }
    // Every record moves or covers marks maybe (the boxes: a class that opens a menu); only some
    // attributes change what is scanned.
    deps.onBatch(batch)
    const wasEmpty = records.length === 0
    for (const r of batch) if (r.type !== 'attributes' || WATCHED_ATTRIBUTES.includes(r.attributeName!)) records.push(r)
    if (records.length === 0) return
    // A reply or a status line usually takes well under a millisecond to scan: done right here, in
    // the page's own task, it is marked before the next frame instead of after it (a big page's
    // frame can take hundreds of ms). Anything more waits for the next slice as usual.
    slicer.runNow(IMMEDIATE_MS, wasEmpty ? processRecords() : undefined)
  }
  const observer = new MutationObserver(onRecords)
  const shadows = createShadowObservers(onRecords, deps.onShadowReleased)

  return {
    observe(): void {
      // The document, not its <html>: a frame written with document.open()/write() gets a new one.
      observer.observe(doc, OBSERVED)
    },
    /**
     * Follows an open shadow root too (changes inside it are not seen from the document), until its
     * host leaves the page. Returns false when it is followed already.
     */
    observeShadow: shadows.observe,
    /** Shadow roots followed now. */
    get shadowRoots() {
      return shadows.size
    },
    disconnect(): void {
      observer.disconnect()
      shadows.disconnect()
    },
  }
}

/**
 * One unit's plan worked: the marks of what changed dropped and rescanned, those of what left the
 * page forgotten. Returns whether nodes left the page (the followed shadow roots are checked then).
 */
function applyPlan(plan: MutationPlan, doc: Document, store: MarkStore, scanner: PageScanner): boolean {
  for (const el of plan.reset) dropWithin(doc, store, el)
  for (const root of plan.roots) scanner.scan(root)
  if (plan.removed) store.sweep()
  // A text node put back elsewhere keeps its marks: its new place is rescanned (plan.roots).
  else for (const text of plan.removedText) if (!text.isConnected) store.removeAt(text)
  return plan.removed
}

/** Forgets the marks inside `el` before its rescan (it became editable or hidden, or a link changed). */
function dropWithin(doc: Document, store: MarkStore, el: Element): void {
  store.removeAt(el)
  const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT)
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (store.at(n)) store.removeAt(n)
}

/**
 * One observer per followed shadow root (a MutationObserver cannot stop observing one node): an
 * observed node stays alive as long as its observer, so a component that left the page would be
 * kept, with its whole shadow tree, for the page's life.
 */
function createShadowObservers(onRecords: MutationCallback, onReleased?: (root: ShadowRoot) => void) {
  const shadows = new Map<ShadowRoot, MutationObserver>()
  return {
    observe(root: ShadowRoot): boolean {
      if (shadows.has(root)) return false
      const shadowObserver = new MutationObserver(onRecords)
      shadowObserver.observe(root, OBSERVED)
      shadows.set(root, shadowObserver)
      return true
    },
    /** Lets go of the roots whose host left the page. */
    releaseDetached(): void {
      for (const [root, shadowObserver] of shadows) {
        if (root.host.isConnected) continue
        shadowObserver.disconnect()
        shadows.delete(root)
        onReleased?.(root)
      }
    },
    get size() {
      return shadows.size
    },
    disconnect(): void {
      for (const shadowObserver of shadows.values()) shadowObserver.disconnect()
      shadows.clear()
    },
  }
}

/**
 * Resolves once `doc` is parsed (DOMContentLoaded), also in a frame the page fills with
 * document.open()/write() (an email view): open() erases every event listener of the document,
 * ours too, so the wait also watches the document's children, which open() replaces.
 */
export function whenParsed(doc: Document): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      watcher.disconnect()
      resolve()
    }
    const watcher = new MutationObserver(() => {
      if (doc.readyState !== 'loading') done()
      // The same listener again: the browser adds it once, however often this runs.
      else doc.addEventListener('DOMContentLoaded', done, { once: true })
    })
    watcher.observe(doc, { childList: true })
    doc.addEventListener('DOMContentLoaded', done, { once: true })
  })
}

/** How long the first frame is waited for at most: a frame the browser does not render (a hidden or throttled one) sends no frames. */
const FIRST_FRAME_WAIT_MS = 1000

/**
 * Resolves in a task after `doc`'s next frame is rendered (the first after DOMContentLoaded holds the
 * page's first layout and paint), at once in a hidden document, and after FIRST_FRAME_WAIT_MS if no
 * frame comes.
 */
export function afterFirstFrame(doc: Document): Promise<void> {
  const win = doc.defaultView
  if (!win || doc.visibilityState === 'hidden' || typeof win.requestAnimationFrame !== 'function') return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, FIRST_FRAME_WAIT_MS)
    win.requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer)
        resolve()
      }, 0),
    )
  })
}
