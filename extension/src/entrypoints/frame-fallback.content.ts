import { browser, defineContentScript } from '#imports'
import { askUntilAnswered } from '../content/frames/ask-until-answered.ts'
import { isFallbackFrame } from '../content/frames/fallback-frame.ts'
import { FALLBACK_FRAME_GLOBS, HELPDESK_HOSTS } from '../sites/helpdesk-matches.ts'
import { sendMessage } from '../lib/messages.ts'

/*
The frames of a ticket that the inline-lookups entry cannot reach by manifest: a sandboxed srcdoc
(the usual isolation for a customer's HTML mail), a blob: frame and a data: frame. Chrome injects
into those only through match_origin_as_fallback, which takes match patterns with a path of "/*"
only: the helpdesk hosts whole, Help Centers included. So this entry is small and decides nothing
itself: its include_globs keep it out of every page of those hosts but the bare root
(FALLBACK_FRAME_GLOBS), it stops at once in any other frame (fallback-frame.ts), and in one of those
frames it asks the background, which injects inline lookups only when the tab is an agent workspace
(background/fallback-frames.ts). Firefox has the same key since 128 (and runs scripts in blob:
frames only with it since then): https://bugzilla.mozilla.org/show_bug.cgi?id=1853411,
https://bugzilla.mozilla.org/show_bug.cgi?id=1897113. Both builds are tried in real browsers
(live-pages.e2e, firefox.e2e).
*/
export default defineContentScript({
  matches: HELPDESK_HOSTS,
  includeGlobs: FALLBACK_FRAME_GLOBS,
  matchOriginAsFallback: true,
  allFrames: true,
  runAt: 'document_start',
  include: ['chrome', 'firefox'],
  cssInjectionMode: 'manual',
  noScriptStartedPostMessage: true,
  async main() {
    if (!isFallbackFrame({ protocol: location.protocol, origin: self.origin, isTop: window === window.top })) return
    // Asked again while nothing answers (the service worker starting); null: it never answered, or
    // the extension was updated or removed (the frame stays unread until a reload).
    const started = await askUntilAnswered(() => sendMessage('startInFallbackFrame', undefined), { connected: () => browser.runtime?.id != null })
    // The browser test reads the answer here (the isolated world's global: the page cannot see it).
    ;(globalThis as { __idvLensFallback?: boolean | null }).__idvLensFallback = started
  },
})
