/**
 * IDs added to the 5 MB ticket after its load (busy-pages.ts lateMutation), shared by bench:scan and
 * bench:frames: when the mark for the new ID is shown, against the frame that shows the new text on the
 * same ticket without the extension at the same moment (the floor: no mark can come before it). The
 * issue's "mark/frame" is the ratio of their medians; a second plain load each round is the control.
 */
import { loadavg } from 'node:os'
import type { BrowserContext, Worker } from 'playwright-core'
import { lateMutation, type LateMutation } from './busy-pages.ts'
import { percentile } from './load.ts'

/** When an ID is added to the ticket, after its load event: while its first pass may still run, and well after. */
const LATE_AFTER_MS = [1500, 10_000]

export type LateIds = { afterLoadMs: number; runs: LateMutation[] }[]
/** The load average (1, 5, 15 min) before each run and after the last. */
export type LateLoads = number[][]

const median = (values: readonly number[]) => percentile(values, 50)
const ms = (v: number) => `${v.toFixed(1).padStart(7)} ms`
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)} ×`

/** `rounds` loads at each of LATE_AFTER_MS, ABBA against the plain page, with the control; `badge` also times the badge. */
export async function measureLateIds(
  context: BrowserContext,
  background: Worker,
  urls: { blank: string; ticket: string; plain: string },
  { idCount, rounds, badge }: { idCount: number; rounds: number; badge: boolean },
): Promise<{ late: LateIds; loads: LateLoads }> {
  const late: LateIds = []
  const loads: LateLoads = []
  for (const afterLoadMs of LATE_AFTER_MS) {
    const runs: LateMutation[] = []
    for (let round = 0; round < rounds; round++) {
      const newId = `inq_LateReplyReference${String(afterLoadMs).padStart(5, '0')}${round}`.slice(0, 28)
      loads.push(loadavg())
      runs.push(
        await lateMutation(context, background, urls, { idCount, afterLoadMs, newId, plainFirst: round % 2 === 1, control: true, badge }),
      )
    }
    late.push({ afterLoadMs, runs })
  }
  loads.push(loadavg())
  return { late, loads }
}

/** The load average line: the 1-minute figure before each run, and all three at the end. */
export function loadLine(loads: LateLoads): string {
  const ones = loads.map((l) => l[0]!)
  return `load average (1 min) before each run: median ${median(ones).toFixed(2)}, min ${Math.min(...ones).toFixed(2)}, max ${Math.max(...ones).toFixed(2)}; at the end ${loads
    .at(-1)!
    .map((l) => l.toFixed(2))
    .join(' ')} (1, 5, 15 min)`
}

/** Mark/frame per case: the mark shown against its floor, the plain page's frame, medians of the same run. */
export function printMarkFrame(late: LateIds): void {
  for (const { afterLoadMs, runs } of late) {
    const shown = median(runs.map((r) => r.markShown))
    const floor = median(runs.map((r) => r.plain.frameDone))
    const control = median(runs.map((r) => r.again?.frameDone ?? Number.NaN))
    console.log(
      `  MARK/FRAME ${String(afterLoadMs / 1000).padStart(4)} s after load   ${ratio(shown, floor)}   the mark shown ${ms(shown)}, the floor (the frame showing the new text without the extension, same ticket, same moment) ${ms(floor)}; control: the plain frame against itself ${ratio(floor, control)}   (${runs.length} loads; goal ≤ 1.05 ×)`,
    )
    console.log(
      `    each load: mark shown ${runs.map((r) => r.markShown.toFixed(0)).join(', ')} / floor ${runs.map((r) => r.plain.frameDone.toFixed(0)).join(', ')} ms`,
    )
  }
}

/** Everything timed per case: the mark, the badge, the frames on both sides, the baselines. */
export function printLateIds(late: LateIds): void {
  for (const l of late) {
    const marks = l.runs.map((r) => r.mark)
    const shown = l.runs.map((r) => r.markShown)
    const badges = l.runs.map((r) => r.badge)
    // Without `badge` (measureLateIds), no badge was timed.
    const badge = badges.some(Number.isFinite) ? `; badge median ${ms(median(badges))}, max ${ms(Math.max(...badges))}` : ''
    console.log(
      `  mutation → mark ${String(l.afterLoadMs / 1000).padStart(4)} s after load   median ${ms(median(marks))}, max ${ms(Math.max(...marks))} (its box in the DOM at the ID's place)${badge}   (${l.runs.length} loads; goals ≤ 100 ms, badge ≤ 150 ms)`,
    )
    console.log(`    the frame that paints the box, rendered  median ${ms(median(shown))}, max ${ms(Math.max(...shown))}`)
    const plainDone = median(l.runs.map((r) => r.plain.frameDone))
    const againDone = l.runs.map((r) => r.again?.frameDone ?? Number.NaN)
    console.log(
      `    THE FRAME (with / without the extension, same ticket, same moment; goal ≤ 1.1 ×): the frame showing the new text rendered ${ms(median(l.runs.map((r) => r.frameDone)))} / ${ms(plainDone)}   ratio ${ratio(median(l.runs.map((r) => r.frameDone)), plainDone)}; the mark shown ${ms(median(shown))}   ratio ${ratio(median(shown), plainDone)}; laid out ${ms(median(l.runs.map((r) => r.frame)))} / ${ms(median(l.runs.map((r) => r.plain.frame)))}`,
    )
    console.log(
      `    control: the plain page's frame against itself (a second plain load each round)   ratio ${ratio(plainDone, median(againDone))} (each: ${againDone.map((v) => v.toFixed(0)).join(', ')} against ${l.runs.map((r) => r.plain.frameDone.toFixed(0)).join(', ')})`,
    )
    console.log(`    baseline: the page's own next task after the change  median ${ms(median(l.runs.map((r) => r.nextTask)))}`)
    console.log(
      `    baseline: the page's own next frame, the new text laid out ${ms(median(l.runs.map((r) => r.frame)))}, that frame rendered ${ms(median(l.runs.map((r) => r.frameDone)))}; without the extension (same ticket, same moment) ${ms(median(l.runs.map((r) => r.plain.frame)))}, rendered ${ms(median(l.runs.map((r) => r.plain.frameDone)))}, next task ${ms(median(l.runs.map((r) => r.plain.nextTask)))}   (the floor of any mark: the frame that shows the new text)`,
    )
    if (!badge) continue
    const message = l.runs.map((r) => r.badgePath.message)
    const toBadge = l.runs.map((r) => r.badgePath.toBadge)
    const rest = l.runs.map((r) => r.badge - r.badgePath.message - r.badgePath.toBadge)
    console.log(
      `    badge, split (medians): report message ${ms(median(message))}, service worker to the badge set ${ms(median(toBadge))}, the rest (the page counting the change and sending its report) ${ms(median(rest))}`,
    )
  }
}
