import { defineUnlistedScript } from '#imports'
import baseStyles from './inline-lookups.content/base.css?inline'
import { createBoxPaint } from '../content/box-paint.ts'
import { createMarkPaint } from '../content/mark-paint.ts'
import { createPageCard } from '../content/card/page-card.ts'
import { createInView } from '../content/card/in-view.ts'
import { createPageUi } from '../content/card/page-ui.ts'
import type { Controls, ControlsDeps, MountControls } from '../content/controls.ts'
import { instrument } from '../content/instrumentation.ts'
import type { Cell } from '../content/cell.ts'
import { lazyPart } from '../content/lazy-part.ts'
import { createLookupQueue, type LookupQueue } from '../content/lookups/lookup-queue.ts'
import { MARK_CSS } from '../content/marks/mark-look.ts'
import { elementOf } from '../content/marks/near-viewport.ts'
import { createSightGate, followMoves } from '../content/marks/sight-gate.ts'
import { createUiHost } from '../content/ui-host.ts'
import { MOUNT_CONTROLS, MOUNT_UI, world } from '../content/world-keys.ts'
import type { PageNotice } from '../lib/content-messages.ts'
import { t, type MessageKey } from '../lib/i18n.ts'
import { createLauncher } from './inline-lookups.content/launcher.ts'
import { dropUntrustedEvents, mountShadowHost } from './inline-lookups.content/shadow-host.ts'
import type { MountInlineUi } from './inline-ui.tsx'

/*
The page's controls, apart from the content script: our UI host, the launcher, hover and focus
handling and the card's timing. The background injects this file into a frame's content-script world
once the frame has an ID, or when the agent asks for the list (see INLINE_CONTROLS_FILE): a frame with
no ID (most frames of a helpdesk) loads only the scan and the marks.
*/

const NOTICES: Record<PageNotice, MessageKey> = { 'no-id-in-selection': 'noticeNoIdInSelection' }

/**
 * Our UI host and, below it, the marks' host and boxes, and the painting of the marks near the
 * viewport the agent can see (the sight gate): from now on a mark is painted and looked up only then.
 */
function paintMarks(deps: ControlsDeps, queue: LookupQueue) {
  const { ctx, store, rangeOf, doc } = deps
  // Our UI host, and the marks' host with it (in the same task, below it: ui-host.ts).
  const uiHost = createUiHost(doc)
  ctx.onInvalidated(() => uiHost.host.remove())
  const drawn = createBoxPaint({ doc, rangeOf, uiHost })
  // The marks' look, in the scheme of the page behind the marks the gate sees (our closed root: the page sees nothing).
  const marks = drawn.layer().container
  marks.append(Object.assign(document.createElement('style'), { textContent: MARK_CSS }))
  const scheme = (next: 'light' | 'dark') => marks.dataset.scheme !== next && (marks.dataset.scheme = next)
  const gate = createSightGate({
    doc,
    rectsOf: (mark) => rangeOf(mark)?.getClientRects() ?? [],
    holds: (mark, node) => rangeOf(mark)?.intersectsNode(node) ?? false,
    elementOf,
    paint: drawn.boxes.show,
    unpaint: drawn.boxes.hide,
    request: queue.request,
    setTimer: deps.later,
    scheme,
  })
  ctx.onInvalidated(store.on('removed', (mark) => gate.hide([mark])))
  ctx.onInvalidated(followMoves(doc, gate.moved))
  const paint = createMarkPaint({ store, gate, boxes: drawn.boxes, firstPassOver: deps.firstPassOver })
  ctx.onInvalidated(paint.dispose)
  return { uiHost, gate, paint }
}

/** Our UI host with the launcher in it, the pointer and focus handling, and the views on first use. */
const mountControls: MountControls = (deps: ControlsDeps): Controls => {
  const { ctx, model, store, rangeOf, later, send } = deps
  // Re-asks after a vendor wait are background work: the relay's gate sheds them first (Priority: u=5).
  const queue = createLookupQueue({
    send: (ids, options) =>
      send('lookupIds', { ids, background: options?.background === true, ...(options?.refresh ? { refresh: true } : {}) }),
  })
  const { uiHost, gate, paint } = paintMarks(deps, queue)
  const inView = createInView(deps.doc.defaultView ?? window, rangeOf)
  const card = createPageCard({ model, store, request: queue.request, rangeOf, later, sees: gate.sees, inView })
  const page = createPageUi({ ...deps, queue, card, inView })
  // Our single element in the page (see shadow-host.ts), with the keyboard launcher in it.
  const ui = mountShadowHost(uiHost, baseStyles)
  dropUntrustedEvents(ui.shadow, ctx)
  // Our words are in the extension's language, not the page's: screen readers pick the voice by it.
  ui.container.lang = t('htmlLang')
  const launcher = createLauncher(ui.container, model, page.actions)
  ctx.onInvalidated(launcher.remove)
  page.attach(ui.host)
  // The card, the list and Preact come the first time there is something to show (a hover, the
  // list, a notice): the background puts inline-ui.js into this frame's world, then it renders.
  const view = document.createElement('div')
  ui.container.append(view)
  const views = lazyPart<MountInlineUi, true>({
    send,
    part: 'views',
    key: MOUNT_UI,
    isValid: () => ctx.isValid,
    mount(mountUi) {
      ctx.onInvalidated(mountUi({ shadow: ui.shadow, container: view, model, actions: page.actions, launcher: launcher.button }))
      return true
    },
  })
  const { card: shown, listOpen, notice } = model
  for (const wanted of [shown, listOpen, notice] as Cell<unknown>[]) {
    if (wanted.value) void views.load()
    ctx.onInvalidated(wanted.subscribe((value) => value && void views.load()))
  }
  // The browser tests reach our closed shadow root through the instrumented build's global.
  instrument({ ui: ui.shadow, sight: gate.stats })
  return {
    card,
    queue,
    paint,
    actions: page.actions,
    showNotice: (notice) => page.notify(t(NOTICES[notice])),
    showPageIds: page.showPageIds,
    copyFromCard: page.copyFromCard,
  }
}

export default defineUnlistedScript(() => {
  // The content script's world only (the page has its own globals): the content script picks it up from here.
  world[MOUNT_CONTROLS] = mountControls
})
