import { createIdCount, type IdCount, type IdCountOptions } from './id-count.ts'

export type ParseCountOptions = IdCountOptions & {
  /** The most one chunk's count may take (it runs in the parser's task, right after the chunk). */
  chunkMs: number
}

export type ParseCountStats = { chunks: number; busyMs: number; longestMs: number; chars: number; size: number }

/**
 * Counts IDs while the page is still parsing, so that DOMContentLoaded finds most of a big ticket
 * counted and the badge goes up in that very task (Chrome lays out a big page right after it,
 * for a second or more; whatever waits for a later task waits for that layout).
 *
 * A MutationObserver is only the clock: its callback runs after each chunk the parser inserts,
 * and the count goes on from where it stood over what the parser finished (id-count.ts,
 * `stepWhileParsing`).
 *
 * Measured on the 5 MB bench ticket (bench:scan, same run, with and without the extension): with a
 * subtree observer on the document Chrome reaches DOMContentLoaded ~20 % sooner, but lays out more of
 * the page in the task that holds it (2-3× that task's length without us); that happens with an
 * observer that does nothing too. A timer as the clock leaves that task alone but slows the parse
 * (DOMContentLoaded 1.1-1.2× later). Without counting while parsing, the count at DOMContentLoaded
 * does all the work (badge ~20 % later): pass no ParseCount to startInlineLookups. Started at document_start; nothing happens on a page that has already loaded.
 * `take()` (at DOMContentLoaded) stops it and hands over the count, or null when there is none to
 * go on with (the page had loaded, or replaced its body meanwhile).
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
