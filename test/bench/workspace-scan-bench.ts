/**
 * `pnpm -F @idv-lens/test run bench:workspaces`: what inline lookups cost on the Lightning and HubSpot
 * fixtures (test/fixtures/workspaces), against the same page without the extension in the same run,
 * in real Chromium with the production build. For each page: the main thread's busy time over
 * BUSY_SECONDS once loaded (with/without, alternating), and mutation → mark (a reply with a new ID
 * added after load: its box drawn, against the page's own next task and frame without the extension).
 * The HubSpot page re-renders its thread every 400 ms on its own, which is what it costs.
 */
import { join } from 'node:path'
import { startWorkspaceServer, WITHOUT_EXTENSION, type WorkspaceHost } from '../fixtures/workspaces/serve.ts'
import { launchWithExtension } from '../harness/browser.ts'
import { buildExtension } from '../harness/build-extension.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { busyMainThread, lateMutation, type BusyFigures, type LateMutation } from './busy-pages.ts'

const BUSY_SECONDS = 10
const ROUNDS = 3
const AFTER_LOAD_MS = 2000
const NEW_ID = 'inq_Zk3mQ8rVt2LpW6yXcB9nD4fH'

const PAGES: { name: string; host: WorkspaceHost; path: string; ids: number }[] = [
  { name: 'Salesforce Lightning case', host: 'acme.lightning.force.com', path: '/lightning/r/Case/500Hs00001ABC/view', ids: 5 },
  { name: 'HubSpot help desk ticket', host: 'app.hubspot.com', path: '/help-desk/123/view/1/ticket/9', ids: 2 },
]

/** Long tasks from the page's start: busyMainThread reads them. */
function recordLongTasks(): void {
  const w = window as unknown as { __longTasks: { start: number; duration: number }[] }
  w.__longTasks = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const ms = (x: number) => `${x.toFixed(1)} ms`

await buildExtension('production')
const server = await startWorkspaceServer()
const browser = await launchWithExtension({
  extensionDir: join(REPO_ROOT, 'extension/.output/chrome-mv3'),
  hostResolverRules: server.hostResolverRules,
})
await browser.context.addInitScript(recordLongTasks)
try {
  console.log(`Workspace pages: main-thread time over ${BUSY_SECONDS} s after load (median of ${ROUNDS}), and mutation → mark`)
  for (const { name, host, path, ids } of PAGES) {
    const withExt: BusyFigures[] = []
    const without: BusyFigures[] = []
    const mutations: LateMutation[] = []
    for (let round = 0; round < ROUNDS; round++) {
      withExt.push(await busyMainThread(browser.context, server.url(host, path), BUSY_SECONDS))
      without.push(await busyMainThread(browser.context, server.url(host, `${WITHOUT_EXTENSION}${path}`), BUSY_SECONDS))
      // The tab is first opened on a page of the host where nothing runs (its public page), so the extension sees it.
      mutations.push(
        await lateMutation(
          browser.context,
          browser.background,
          { blank: server.url(host, '/'), ticket: server.url(host, path), plain: server.url(host, `${WITHOUT_EXTENSION}${path}`) },
          { idCount: ids, afterLoadMs: AFTER_LOAD_MS, newId: NEW_ID },
        ),
      )
    }
    const task = (f: BusyFigures[]) => median(f.map((x) => x.taskMs))
    console.log(`  ${name}`)
    console.log(
      `    busy page   with ${ms(task(withExt))}, without ${ms(task(without))}   ratio ${(task(withExt) / task(without)).toFixed(2)}   long tasks with ${median(withExt.map((x) => x.longTasks))}, without ${median(without.map((x) => x.longTasks))}; boxes painted ${median(withExt.map((x) => x.painted))}`,
    )
    console.log(
      `    mutation → mark  median ${ms(median(mutations.map((m) => m.mark)))} (shown ${ms(median(mutations.map((m) => m.markShown)))}), badge ${ms(median(mutations.map((m) => m.badge)))}`,
    )
    console.log(
      `      without the extension: the page's next task ${ms(median(mutations.map((m) => m.plain.nextTask)))}, its next frame ${ms(median(mutations.map((m) => m.plain.frame)))}, rendered ${ms(median(mutations.map((m) => m.plain.frameDone)))}`,
    )
  }
} finally {
  await browser.close()
  await server.stop()
}
