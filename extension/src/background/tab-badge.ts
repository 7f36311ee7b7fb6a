import { browser } from '#imports'
import type { PageId } from '../lib/messages.ts'
import { sendToContent } from '../lib/content-messages.ts'
import { t, tn } from '../lib/i18n.ts'
import type { BackgroundApi } from './listeners.ts'
import { createTabIds, type TabIdsDeps } from './tab-ids.ts'
import { instrumentBackground, type ReportTiming } from './worker-instrumentation.ts'

/*
The IDs on each tab and the toolbar badge that counts them. Kept in memory and, behind it, in
storage.session (tab-ids.ts): Chrome stops an idle service worker and the popup must still find the IDs.
*/

/** Chrome shows about four characters on the badge. */
export function badgeText(count: number): string {
  if (count <= 0) return ''
  return count > 999 ? '999+' : String(count)
}

/** The badge's colour, the same on every tab (set once per service-worker start, in startTabBadges). */
const BADGE_COLOR = '#3558c8'

async function showBadge(tabId: number, count: number): Promise<void> {
  try {
    await browser.action.setBadgeText({ tabId, text: badgeText(count) })
    // The badge says "12"; its tooltip says what: "IDV Lens: 12 IDs on this page" (the name alone when none).
    await browser.action.setTitle({ tabId, title: count > 0 ? tn('badgeTitle', count) : t('extName') })
  } catch {
    // The tab closed between the report and the badge.
  }
}

/** Every tab's IDs (one copy per service-worker start; startTabBadges makes a fresh one). */
let tabIds = createTabIds({ showBadge })

/** The last reports' path to the badge (bench:scan splits "mutation → badge" with it). */
const reportLog: ReportTiming[] = []
/** The figures bench:frames and bench:scan read (instrumented builds only). */
const exposeTimes = () =>
  instrumentBackground({ workTimes: tabIds.workTimes, reportTimes: tabIds.reportTimes, writeTimes: tabIds.writeTimes, reportLog })
const wallClock = () => performance.timeOrigin + performance.now()
exposeTimes()

/** The waits before a tab's write (tab-ids.ts; tests make them 0). */
export type TabBadgeTiming = Pick<TabIdsDeps, 'writeDelayMs' | 'badgeFirstMs'>

/** A fresh set of tabs' IDs for this service-worker start, and the badge's colour. */
export function startTabBadges(api: Pick<BackgroundApi, 'action'>, { writeDelayMs, badgeFirstMs }: TabBadgeTiming = {}): void {
  tabIds = createTabIds({ showBadge, writeDelayMs, badgeFirstMs })
  exposeTimes()
  void Promise.resolve(api.action.setBadgeBackgroundColor({ color: BADGE_COLOR })).catch(() => {})
}

/**
 * Keeps what one frame of a tab reported and shows the tab's union (tab-ids.ts). Resolves once
 * storage.session has it too (the popup reads it there).
 */
export async function recordPageIds(tabId: number, ids: readonly PageId[], frameId = 0, sentAt: number | null = null): Promise<void> {
  const receivedAt = wallClock()
  const { badge, stored, count } = await tabIds.record(tabId, ids, frameId)
  void badge.then(() => {
    reportLog.push({ tabId, count, sentAt, receivedAt, badgeAt: wallClock() })
    if (reportLog.length > 100) reportLog.shift()
  })
  await Promise.all([badge, stored])
}

/** The frames of a tab that reported IDs (only they can have a card). */
export const framesWithIds = (tabId: number): Promise<number[]> => tabIds.frameIds(tabId)

/** Whether a frame of a tab reported `id` (a card's watch messages are for such IDs only). */
export const frameReported = (tabId: number, frameId: number, id: string): Promise<boolean> => tabIds.holds(tabId, frameId, id)

/** `frameReported` at once when the worker's memory can tell (the tab known, no report under way); undefined otherwise. */
export const frameReportedNow = (tabId: number, frameId: number, id: string): boolean | undefined => tabIds.holdsNow(tabId, frameId, id)

/** The frames of open tabs that reported some of `ids`, with those they reported (for re-reading a changed object). */
export async function framesHolding(
  ids: readonly string[],
  tabs: () => Promise<number[]> = openTabs,
): Promise<Array<{ tabId: number; frameId: number; held: string[] }>> {
  const found: Array<{ tabId: number; frameId: number; held: string[] }> = []
  for (const tabId of await tabs()) {
    for (const frameId of await tabIds.frameIds(tabId)) {
      const held: string[] = []
      for (const id of ids) if (await tabIds.holds(tabId, frameId, id)) held.push(id)
      if (held.length > 0) found.push({ tabId, frameId, held })
    }
  }
  return found
}

const openTabs = async (): Promise<number[]> => (await browser.tabs.query({})).flatMap((tab) => (tab.id !== undefined ? [tab.id] : []))

/** Drops the IDs of a tab's frames that no longer answer (an iframe left its page). */
export async function pruneGoneFrames(tabId: number): Promise<void> {
  for (const frame of await tabIds.frameIds(tabId)) {
    if (frame === 0) continue
    const alive = await sendToContent('ping', undefined, { tabId, frameId: frame }).then(
      (answer) => answer === true,
      () => false,
    )
    if (!alive) await recordPageIds(tabId, [], frame)
  }
}

/** Forgets a tab's IDs and clears its badge. Resolves true when it had some. */
export const forgetTab = (tabId: number, closed = false): Promise<boolean> => tabIds.forget(tabId, { closed })
