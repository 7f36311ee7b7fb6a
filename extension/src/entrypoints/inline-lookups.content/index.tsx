import { defineContentScript, type ContentScriptContext } from '#imports'
import { onContentMessage } from '../../lib/content-messages.ts'
import { sendMessage } from '../../lib/messages.ts'
import { AGENT_WORKSPACE_MATCHES } from '../../sites/helpdesk-matches.ts'
import { startInlineLookups, type InlineLookups } from '../../content/start-inline-lookups.ts'
import { afterFirstFrame, whenParsed } from '../../content/page-follower.ts'
import { claimFrame, ignoreForgedStops } from '../../content/script-guard.ts'
import { countWhileParsing } from '../../content/scan/early-count.ts'
import { TEXT_BUDGET } from '../../content/scan/page-scanner.ts'
import { MAX_DISTINCT_IDS } from '../../content/marks/mark-store.ts'
import { frameSiteUrl, isRevokedSite } from '../../content/frames/site-revoked.ts'

/*
Inline lookups: finds verification IDs in the page, draws a mark over each in our closed shadow root
(content/marks/mark-boxes.ts), and, with the controls a frame loads with its first ID
(entrypoints/inline-controls.ts), shows a status card on hover or keyboard focus. Runs in agent
workspaces by manifest; elsewhere only when the agent asks (the keyboard command, with activeTab) or
enabled the site (the background registers it). Test pages: test/fixtures/helpdesk/*.html.
*/
/** The most one task of the count while the page parses takes (tasks of their own: see below). */
const EARLY_SLICE_MS = 8

export default defineContentScript({
  // Agent workspaces only: never a Help Center or another public page of the same hosts.
  matches: AGENT_WORKSPACE_MATCHES,
  // Loaded at document_start, so the message handlers are there from the start; the scan waits for
  // the page's first frame after DOMContentLoaded (see below), in slices under 50 ms.
  runAt: 'document_start',
  // Ticket bodies and email views live in iframes: every frame on a helpdesk origin is scanned, and
  // so are about:blank and srcdoc frames (which inherit their parent's origin) inside a matching
  // page. match_about_blank rather than match_origin_as_fallback: the latter requires match patterns
  // without a path, and the patterns are limited to agent workspaces (/agent/*, /a/*). Sandboxed,
  // blob: and data: frames get this script from the background (entrypoints/frame-fallback.content.ts).
  // The background counts the IDs of all frames once per tab.
  allFrames: true,
  matchAboutBlank: true,
  // Our style sheets ship inside the scripts and go straight into the shadow root: nothing is
  // web-accessible (no resource a page could probe for), and it works the same on every site.
  cssInjectionMode: 'manual',
  // WXT would also announce every start to the page through window.postMessage (with our ID).
  noScriptStartedPostMessage: true,
  async main(ctx) {
    // A page must not be able to stop us with WXT's "newer copy started" event, nor start a second copy.
    ignoreForgedStops(ctx)
    if (!claimFrame(ctx)) return
    // Message handlers first: the background may ask right after injecting this script.
    let resolveReady!: (app: InlineLookups) => void
    const ready = new Promise<InlineLookups>((resolve) => (resolveReady = resolve))
    const removers = answerBackground(ctx, ready)
    ctx.onInvalidated(() => removers.forEach((remove) => remove()))
    // Asked now, answered while the page loads: a frame whose tab shows another page than the one
    // the agent works on (a foreign site framing an agent URL), or not the team's tenant, stops
    // before it scans, so it neither marks nor looks up anything. No answer counts as no.
    const here = sendMessage('inlineLookupsHere', undefined).catch(() => false)
    let inScope = false
    // The badge's count while the page parses, in tasks of its own (content/scan/early-count.ts).
    const early =
      document.readyState === 'loading'
        ? countWhileParsing(document, { maxIds: MAX_DISTINCT_IDS, maxChars: TEXT_BUDGET.maxChars, sliceMs: EARLY_SLICE_MS })
        : null
    void here.then((answer) => (answer === true ? (inScope = true) : early?.stop()))

    // Nothing of ours runs in the parser's chunks, and in the task holding DOMContentLoaded (long on
    // a big ticket: its time past 50 ms blocks the agent's page) only the end of the badge's count
    // (the last chunk's text, and a check of the IDs counted): the badge need not wait for the page's
    // first layout and frame. No layout is read before that frame, which would move the page's first
    // layout into our code: the scan starts after it, in tasks of their own under 50 ms.
    if (document.readyState === 'loading') await whenParsed(document)
    const ids = early?.finish()
    if (ids && ids.length > 0 && inScope && ctx.isValid) void sendMessage('reportPageIds', { ids }).catch(() => {})
    await afterFirstFrame(document)
    if (!ctx.isValid) return
    if ((await here) !== true) return ctx.abort()
    const app = await startInlineLookups(ctx)
    // Scanning needs no UI. Our elements come with the first box to draw (content/ui-host.ts) and the
    // controls after the first pass, only to a frame with an ID: inserting our element makes the
    // browser lay out the page again, which on a big ticket took longer than the whole scan.
    app.start()
    await app.firstPass()
    app.loadControlsWithIds()
    resolveReady(app)
  },
})

/** The background's messages, answered from the start: most once the lookups started (`ready`), a ping and the card commands at once. */
function answerBackground(ctx: ContentScriptContext, ready: Promise<InlineLookups>): (() => void)[] {
  // The same, for answers that must not wait for a frame still starting (it has no card yet).
  let started: InlineLookups | null = null
  void ready.then((app) => (started = app))
  // The background's messages reach every frame of the tab: the list and notices belong to the
  // top frame; every frame answers a ping, reports its IDs and stops.
  const isTop = window === window.top
  return [
    ...(isTop
      ? [
          onContentMessage('showPageIds', async () => (await ready).showPageIds()),
          onContentMessage('showNotice', async ({ data }) => (await ready).showNotice(data.notice)),
        ]
      : []),
    // Answers at once, while still starting too: the script is here (the background also asks
    // each frame whose IDs it counts, to drop frames that are gone).
    onContentMessage('ping', () => true as const),
    // The card commands: any frame can hold the card (the background picks the frame).
    onContentMessage('cardTarget', () => started?.cardTarget() ?? null),
    onContentMessage('copyFromCard', ({ data }) => started?.copyFromCard(data?.what === 'note' ? 'note' : 'reply') ?? false),
    onContentMessage('reportPageIdsAgain', async () => (await ready).reportAgain()),
    // IDs this frame reported changed (an action, a live event, a watch re-check): its card asks again.
    onContentMessage('objectsChanged', async ({ data }) => (await ready).reread(Array.isArray(data?.ids) ? data.ids : [])),
    // The agent stopped inline lookups on this site. Invalidating the context undoes everything
    // (marks, observers, our UI); once started, so nothing that is still starting outlives it.
    onContentMessage('stop', async () => {
      await ready
      ctx.abort()
    }),
    // The site's permission was taken back (Chrome's Site access page, the options page): the same, in its frames only.
    onContentMessage('sitesRevoked', async ({ data }) => {
      if (!isRevokedSite(frameSiteUrl(location, self.origin), data.origins)) return
      await ready
      ctx.abort()
    }),
  ]
}
