import { MARK_TONES, toneOf } from './lookups/mark-tone.ts'
import type { MarkStore } from './marks/mark-store.ts'
import type { LookupQueue, LookupState } from './lookups/lookup-queue.ts'
import type { MarkPaint } from './mark-paint.ts'
import type { PageCard } from './card/page-card.ts'
import type { PageScan } from './page-scan.ts'

/*
The hooks the benchmarks and the browser tests read, under one global of the content script's
isolated world (the page cannot see it). Only development builds and builds made with
IDV_LENS_INSTRUMENTATION=1 have them (wxt.config.ts); the store build drops this module.
*/

declare const __IDV_LENS_INSTRUMENTATION__: boolean | undefined

/** Whether this build carries the hooks. */
export const INSTRUMENTED = typeof __IDV_LENS_INSTRUMENTATION__ === 'boolean' && __IDV_LENS_INSTRUMENTATION__

/** The parts of a running copy the hooks read. */
export type InlineParts = {
  store: MarkStore
  /** The lookup queue, once the controls are loaded (they bring it). */
  queue: () => LookupQueue | null
  /** The marks' painting, once the controls are loaded (they bring it). */
  paint: () => MarkPaint | null
  scan: PageScan
  /** The card, once the controls are loaded (a frame gets them with its first ID). */
  card: () => PageCard | null
  /** The keyboard command. */
  showPageIds: () => Promise<boolean>
}

/** What `globalThis.__idvLens` holds in the content script's world. */
export type ContentHooks = {
  inline: ReturnType<typeof inlineHooks>
  /** Our closed shadow root. */
  ui: ShadowRoot
  /** What the check of what the agent can see cost so far, once the controls brought it (sight-gate.ts). */
  sight: () => { checks: number; marks: number; ms: number; withheld: number }
  /** The origin-fallback entry's answer: whether the background started inline lookups in this frame. */
  fallback: boolean | null
}

/** Adds `members` to the one global (in an instrumented build only). */
export function instrument(members: Partial<ContentHooks>): void {
  if (!INSTRUMENTED) return
  const scope = globalThis as { __idvLens?: Partial<ContentHooks> }
  Object.assign((scope.__idvLens ??= {}), members)
}

/** The hooks of one running copy of inline lookups. */
export function inlineHooks(parts: InlineParts) {
  const { store, queue, paint, scan, card } = parts
  const startedAt = performance.now()
  /** When the scan's first pass was done (the first time its queue ran empty). */
  let idleAt: number | null = null
  scan.on('idle', () => void (idleAt ??= performance.now()))
  return {
    showPageIds: parts.showPageIds,
    /** An ID's lookup state as the card and the list see it. */
    lookup: (key: string): LookupState | undefined => queue()?.get(key),
    /** How many marks each status colour would have, and how many are painted (the colours show only in the card and list). */
    markTones(): Record<string, number> {
      const tones: Record<string, number> = { ...Object.fromEntries(MARK_TONES.map((tone) => [tone, 0])), painted: paint()?.painted ?? 0 }
      for (const { key } of store.ids()) {
        const tone = toneOf(queue()?.get(key))
        tones[tone] = (tones[tone] ?? 0) + store.marksOf(key).size
      }
      return tones
    },
    /** Figures for the benchmark and the browser tests. */
    stats: () => ({
      startedAt,
      idleAt,
      /** Wall-clock time (timeOrigin + now) the first pass's report went to the background. */
      reportedAt: idleAt === null ? null : performance.timeOrigin + idleAt,
      ids: store.size,
      marks: store.marks,
      nodesHeld: store.nodesHeld,
      nearWaiting: paint()?.inView.waiting ?? store.marks,
      painted: paint()?.painted ?? 0,
      scannedChars: scan.scanner.scannedChars,
      windowChars: scan.scanner.windowChars,
      pendingJobs: scan.slicer.pending,
      cardsShown: card()?.shown ?? 0,
      /** A card is open or about to open (hover and focus wait a moment first). */
      cardComing: card()?.cards.pending != null || card()?.cards.shown != null,
      ...scan.slicer.stats,
    }),
  }
}
