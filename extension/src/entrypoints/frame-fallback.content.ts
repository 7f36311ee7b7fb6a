import { browser, defineContentScript } from '#imports'
import { askUntilAnswered } from '../content/frames/ask-until-answered.ts'
import { isFallbackFrame } from '../content/frames/fallback-frame.ts'
import { FALLBACK_FRAME_GLOBS, FIREFOX_FALLBACK_FRAME_GLOBS, HELPDESK_HOSTS } from '../sites/helpdesk-matches.ts'
import { sendMessage } from '../lib/messages.ts'
import { instrument } from '../content/instrumentation.ts'

/*
The frames of a ticket the inline-lookups entry cannot reach by manifest: a sandboxed srcdoc (a
customer's HTML mail), a blob: and a data: frame. Chrome injects there only through
match_origin_as_fallback, whose patterns take whole hosts, Help Centers included, so this entry decides
nothing: include_globs keep it to the bare root (FALLBACK_FRAME_GLOBS; in Firefox also the agent
workspaces, by whose URL it matches a blob: frame), it stops at once in any other frame
(fallback-frame.ts), and otherwise asks the background, which injects only in an agent workspace.
*/
export default defineContentScript({
  matches: HELPDESK_HOSTS,
  includeGlobs: { chrome: FALLBACK_FRAME_GLOBS, firefox: FIREFOX_FALLBACK_FRAME_GLOBS },
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
    const started = await askUntilAnswered(() => sendMessage('startInFallbackFrame', undefined), {
      connected: () => browser.runtime?.id != null,
    })
    // The browser test reads the answer (instrumented builds only).
    instrument({ fallback: started })
  },
})
