/*
The hooks the benchmarks and the browser tests read in the service worker, under the same one global
as the content script's (content/instrumentation.ts): development builds and builds made with
IDV_LENS_INSTRUMENTATION=1 only (wxt.config.ts).
*/

declare const __IDV_LENS_INSTRUMENTATION__: boolean | undefined

/** The last reports' path to the badge, as wall-clock times (timeOrigin + now, ms): sent by the content script (whole ms), received here, badge set. */
export type ReportTiming = { tabId: number; count: number; sentAt: number | null; receivedAt: number; badgeAt: number }

/** What `globalThis.__idvLens` holds in the service worker. */
export type BackgroundHooks = {
  /** How long the last reports took here, up to the badge set, and the writes to storage.session behind them (ms). */
  workTimes: number[]
  reportTimes: number[]
  writeTimes: number[]
  reportLog: ReportTiming[]
  /** What the keyboard commands' listener calls, for a command in a tab (menus-and-commands.ts). */
  command: (command: string, tab: { id?: number } | undefined) => Promise<boolean>
}

/** Adds `members` to the one global (in an instrumented build only). */
export function instrumentBackground(members: Partial<BackgroundHooks>): void {
  if (typeof __IDV_LENS_INSTRUMENTATION__ !== 'boolean' || !__IDV_LENS_INSTRUMENTATION__) return
  const scope = globalThis as { __idvLens?: Partial<BackgroundHooks> }
  Object.assign((scope.__idvLens ??= {}), members)
}
