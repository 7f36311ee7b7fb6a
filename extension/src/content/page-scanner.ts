import { mayContainIds } from '@idv-lens/shared/ids'
import type { MarkStore } from './mark-store.ts'
import { WINDOW, locateMatch, scanInWindows, type RangeInit } from './run-matches.ts'
import type { Slicer } from './slicer.ts'
import { isInsideSkipped, walkTextRuns, type DashboardLink, type TextRun } from './text-runs.ts'

export type ScannerDeps = {
  store: MarkStore
  slicer: Slicer
  /** Whether bare UUIDs count on this site (read per run, so a settings change applies to the next scan). */
  uuids: () => boolean
  /** Turns plain range fields into what the highlights take (StaticRange in the browser). */
  makeRange?: (init: RangeInit) => RangeInit
  /** Text scanned before the scanner gives up on this page (UTF-16 units): runaway pages stop here. */
  maxChars?: number
}

/** Text runs scanned between two checks of the time budget. */
const ITEMS_PER_UNIT = 16

/**
 * Scans parts of the page into the mark store, in slices. `scan(root)` is cheap to call often:
 * roots wait in one queue, a root inside another queued root is scanned once, and rescanning a
 * node first drops its old marks, so a rescan never duplicates.
 */
export function createPageScanner(deps: ScannerDeps) {
  const { store, slicer } = deps
  const makeRange = deps.makeRange ?? ((init: RangeInit) => init)
  const maxChars = deps.maxChars ?? 20 * 1024 * 1024
  const pending = new Set<Node>()
  let draining = false
  let scannedChars = 0
  let textCapped = false

  function* scanRun(run: TextRun): Generator<void> {
    for (const node of run.nodes) store.removeAt(node)
    if (textCapped) return
    scannedChars += run.text.length
    if (scannedChars > maxChars) {
      textCapped = true
      return
    }
    const links = [...run.links]
    const uuids = deps.uuids()
    // Most of a ticket's text runs hold no '_' or '-'; indexOf is far cheaper than the scanner.
    if (!mayContainIds(run.text, { uuids })) {
      for (const link of links) addLink(link)
      return
    }
    for (const matches of scanInWindows(run.text, uuids)) {
      for (const m of matches) {
        // Links that start before this ID come first: the list shows IDs in reading order.
        while (links.length > 0 && links[0]!.at <= m.index) addLink(links.shift()!)
        const { range, nodes } = locateMatch(run, m)
        store.add({ id: m.value, kind: m.kind, range: makeRange(range), nodes, link: null })
      }
      if (run.text.length > WINDOW) yield
    }
    for (const link of links) addLink(link)
  }

  function addLink({ link, ref }: DashboardLink): void {
    store.removeAt(link)
    // "See inq_… (https://app.withpersona.com/…/inq_…)": the text already carries the ID.
    if ((link.textContent ?? '').includes(ref.id)) return
    const range = { startContainer: link, startOffset: 0, endContainer: link, endOffset: link.childNodes.length }
    store.add({ id: ref.id, kind: ref.kind, range: makeRange(range), nodes: [link], link })
  }

  /** Drops roots that another queued root contains: they are scanned with it. */
  function coveredByOther(root: Node): boolean {
    for (let p = root.parentNode; p; p = p.parentNode) if (pending.has(p)) return true
    return false
  }

  function* drain(): Generator<void> {
    let items = 0
    try {
      while (pending.size > 0) {
        const root = pending.values().next().value as Node
        pending.delete(root)
        if (root.nodeType === 3) store.removeAt(root)
        if (!root.isConnected || coveredByOther(root) || isInsideSkipped(root)) continue
        const walk = walkTextRuns(root)
        for (let step = walk.next(); ; step = walk.next()) {
          if (step.done) {
            // The page moved things under our feet: look at this root again from the start.
            if (step.value === false && root.isConnected) pending.add(root)
            break
          }
          const item = step.value
          if (item === 'pause') {
            yield
            continue
          }
          if ('run' in item) yield* scanRun(item.run)
          else addLink(item.link)
          // Most runs are a sentence: hand control back every few of them, not after each one
          // (resuming the generators and reading the clock would cost more than the run).
          if (++items % ITEMS_PER_UNIT === 0) yield
        }
      }
    } finally {
      draining = false
    }
  }

  function scan(root: Node): void {
    pending.add(root)
    if (!draining) {
      draining = true
      slicer.add(drain())
    }
  }

  return {
    /** Queues `root` (an element or a text node) for scanning. */
    scan,
    /** A new page in a single-page app: its text gets a fresh budget. */
    resetBudget(): void {
      scannedChars = 0
      textCapped = false
    },
    get scannedChars() {
      return scannedChars
    },
    get textCapped() {
      return textCapped
    },
  }
}

export type PageScanner = ReturnType<typeof createPageScanner>
