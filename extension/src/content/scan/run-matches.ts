import type { IdMatch } from '@idv-lens/shared/ids'
import { scanIds } from './id-scan.ts'
import type { TextRun } from './text-runs.ts'

/** The plain fields of a StaticRange; what the page index and the marks keep per mark. */
export type RangeInit = { startContainer: Node; startOffset: number; endContainer: Node; endOffset: number }

/** Characters scanned per window: well under a millisecond of scanIds on any machine we know. */
export const WINDOW = 64 * 1024

// A match that starts inside a window is judged with this much text around it: the token rule looks
// at most 3 characters back (a %XX escape) and an ID plus its closing check is under 40 characters.
const CONTEXT_BEFORE = 16
const CONTEXT_AFTER = 64

/**
 * The IDs in `text`, one window at a time, so a 20 MB log in a single <pre> never becomes one long
 * task. Each window reports only matches that start inside it, judged with the surrounding text,
 * so the result equals one scanIds over the whole text.
 */
export function* scanInWindows(text: string, uuids: boolean, windowSize = WINDOW): Generator<IdMatch[]> {
  if (text.length <= windowSize) {
    yield scanIds(text, { uuids })
    return
  }
  for (let start = 0; start < text.length; start += windowSize) {
    const from = Math.max(0, start - CONTEXT_BEFORE)
    const end = start + windowSize
    const slice = text.slice(from, Math.min(text.length, end + CONTEXT_AFTER))
    const found: IdMatch[] = []
    for (const m of scanIds(slice, { uuids })) {
      const index = m.index + from
      if (index >= start && index < end) found.push({ ...m, index })
    }
    yield found
  }
}

/** Which node of the run holds `position`. On a seam, a start belongs to the later node, an end to the earlier. */
function nodeIndexAt(starts: readonly number[], position: number, isEnd: boolean): number {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    const s = starts[mid]!
    if (isEnd ? s < position : s <= position) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Where `match` sits in the run's nodes (it may span several), and the nodes it touches. */
export function locateMatch(run: TextRun, match: Pick<IdMatch, 'index' | 'length'>): { range: RangeInit; nodes: Text[] } {
  const first = nodeIndexAt(run.starts, match.index, false)
  const last = nodeIndexAt(run.starts, match.index + match.length, true)
  return {
    range: {
      startContainer: run.nodes[first]!,
      startOffset: match.index - run.starts[first]!,
      endContainer: run.nodes[last]!,
      endOffset: match.index + match.length - run.starts[last]!,
    },
    nodes: run.nodes.slice(first, last + 1),
  }
}
