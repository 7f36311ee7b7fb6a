import { createIdCount, type IdCount, type IdCountOptions } from './id-count.ts'

export type ParseCountOptions = IdCountOptions & {
  /** The most one chunk's count may take (it runs in the parser's task, right after the chunk). */
  chunkMs: number
}

export type ParseCountStats = { chunks: number; busyMs: number; longestMs: number; chars: number; size: number }

/**
 * Counts IDs while the page is still parsing, so DOMContentLoaded finds most of a big ticket counted and
 * the badge goes up in that very task (Chrome lays out a big page right after it; a later task waits for
 * that layout). A MutationObserver is only the clock, since a timer slows the parse: its callback runs
 * after each chunk the parser inserts (id-count.ts `stepWhileParsing`). Started at document_start; it
 * does nothing on a loaded page. `take()` (at DOMContentLoaded) stops it and hands over the count, or
 * null when there is none to go on with (the page had loaded, or replaced its body meanwhile).
 */
export function countWhileParsing(doc: Document, options: ParseCountOptions) {
  const stats: ParseCountStats = { chunks: 0, busyMs: 0, longestMs: 0, chars: 0, size: 0 }
  const now = options.now ?? (() => performance.now())
  let count: IdCount | null = null
  let observer: MutationObserver | null = null

  function chunk(): void {
    const body = doc.body
    if (!body) return
    count ??= createIdCount(body, options)
    const start = now()
    count.stepWhileParsing(options.chunkMs)
    const took = now() - start
    stats.chunks++
    stats.busyMs += took
    stats.longestMs = Math.max(stats.longestMs, took)
    stats.chars = count.chars
    stats.size = count.size
  }

  function stop(): void {
    // Also drops the records of the parser's last chunk unread (turning them into objects costs time).
    observer?.disconnect()
    observer = null
  }

  if (doc.readyState === 'loading') {
    observer = new MutationObserver(chunk)
    observer.observe(doc, { childList: true, subtree: true })
    // Registered before any page script runs, so it comes first: the parser's last chunk is not counted here.
    doc.addEventListener('DOMContentLoaded', stop, { once: true })
  }

  return {
    stats,
    stop,
    /** Stops following the parser and hands over the count to go on with at DOMContentLoaded. */
    take(): IdCount | null {
      stop()
      const taken = count
      count = null
      return taken && taken.root === doc.body ? taken : null
    },
  }
}

export type ParseCount = ReturnType<typeof countWhileParsing>
