import './style.css'
import inlineStyles from './style.css?inline'
import { MatchPattern, createShadowRootUi, defineContentScript } from '#imports'
import { render } from 'preact'
import { onContentMessage } from '../../content/content-messages.ts'
import { CONTENT_MATCHES } from '../../content/helpdesk-matches.ts'
import { startInlineLookups, type InlineLookups } from '../../content/inline-lookups.ts'
import { UI_TAG } from '../../content/text-runs.ts'
import { App } from './App.tsx'

/*
Inline lookups: finds inquiry, session, event (and, where enabled, deepidv session) IDs in the
page, paints them with CSS highlights, and shows a status card on hover or keyboard focus.
Runs on the helpdesks below by manifest; elsewhere only when the agent asks (the keyboard command
injects it with activeTab) or enabled the site (the background registers it for that origin).

Test pages: test/fixtures/helpdesk/*.html (Zendesk-, Intercom- and Front-like tickets), e.g.
https://acme.zendesk.com/agent/tickets/1 in the e2e test, which maps the host to a local server.
*/
const onHelpdesk = (url: string) => CONTENT_MATCHES.some((pattern) => new MatchPattern(pattern).includes(url))

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  async main(ctx) {
    // Message handlers first: the background may ask right after injecting this script.
    let resolveReady!: (app: InlineLookups) => void
    const ready = new Promise<InlineLookups>((resolve) => (resolveReady = resolve))
    const removers = [
      onContentMessage('showPageIds', async () => (await ready).showPageIds()),
      onContentMessage('showNotice', async ({ data }) => (await ready).notify(data.text)),
      onContentMessage('reportPageIdsAgain', async () => (await ready).reportAgain()),
    ]
    ctx.onInvalidated(() => removers.forEach((remove) => remove()))

    const app = await startInlineLookups(ctx)
    // Scanning needs no UI: start it before the shadow root (which waits for its style sheet).
    app.start()
    // Our single element in the page: a shadow host after <body>, so the page's own tree and its
    // styles stay as they were, and neither side's CSS reaches the other.
    const ui = await createShadowRootUi(ctx, {
      name: UI_TAG,
      // cssInjectionMode 'ui' loads our style sheet from the extension, which the manifest makes
      // web-accessible to the helpdesks only. Elsewhere (a site the agent enabled, or the keyboard
      // command on any page) that load fails, so the same sheet comes inline.
      ...(onHelpdesk(location.href) ? {} : { css: inlineStyles }),
      position: 'inline',
      anchor: () => document.documentElement,
      append: 'last',
      // Keys typed in our UI must not trigger the helpdesk's own shortcuts.
      isolateEvents: true,
      onMount(container) {
        render(<App model={app.model} actions={app.actions} />, container)
        return container
      },
      onRemove(container) {
        if (container) render(null, container)
      },
    })
    ui.mount()
    app.attachUi(ui.shadowHost)
    resolveReady(app)
    // The benchmark reads scan figures through this (the isolated world's global: the page cannot see it).
    ;(globalThis as { __idvLensInline?: InlineLookups }).__idvLensInline = app
  },
})
