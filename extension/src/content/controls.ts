import type { CardCopy, PageNotice } from '../lib/content-messages.ts'
import type { PageCard } from './card/page-card.ts'
import type { PageUiDeps } from './card/page-ui.ts'
import type { LookupQueue } from './lookups/lookup-queue.ts'
import type { UiActions } from './card/ui-model.ts'
import { lazyPart } from './lazy-part.ts'
import type { MarkPaint } from './mark-paint.ts'
import { MOUNT_CONTROLS } from './world-keys.ts'

/**
 * What the controls (inline-controls.js) get from the content script that loads them: the page UI's
 * parts but the card and the lookup queue, which they make. They bring the marks' painting too
 * (mark-paint.ts): nothing is painted or looked up before they are here.
 */
export type ControlsDeps = Omit<PageUiDeps, 'card' | 'queue' | 'inView'> & {
  /** Whether the page's first pass is over (see createMarkPaint). */
  firstPassOver: () => boolean
}

/** The page's controls once mounted: the card, the list's and launcher's actions, notices. */
export type Controls = {
  card: PageCard
  queue: LookupQueue
  /** The marks near the viewport, their painting and lookups; told of the page's changes. */
  paint: MarkPaint
  actions: UiActions
  /** A notice from the background (its words are looked up here, in the controls). */
  showNotice(notice: PageNotice): void
  showPageIds(): boolean
  /** A card command (background/card-commands.ts). */
  copyFromCard(what: CardCopy): boolean
}

export type MountControls = (deps: ControlsDeps) => Controls

/**
 * Loads the controls into this frame once (the background injects inline-controls.js into this
 * content-script world) and mounts them. Resolves to null when they could not be had (the extension
 * went away, the background refused); the next call tries again.
 */
export function createControlsLoader(deps: ControlsDeps) {
  return lazyPart<MountControls, Controls>({
    send: deps.send,
    part: 'controls',
    key: MOUNT_CONTROLS,
    isValid: () => deps.ctx.isValid,
    mount: (mount) => mount(deps),
  })
}
