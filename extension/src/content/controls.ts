import type { PageNotice } from '../lib/content-messages.ts'
import type { PageCard } from './card/page-card.ts'
import type { PageUiDeps } from './card/page-ui.ts'
import type { UiActions } from './card/ui-model.ts'
import { MOUNT_CONTROLS, world } from './world-keys.ts'

/** What the controls (inline-controls.js) get from the content script that loads them: the page UI's parts but the card, which they make. */
export type ControlsDeps = Omit<PageUiDeps, 'card'>

/** The page's controls once mounted: the card, the list's and launcher's actions, notices. */
export type Controls = {
  card: PageCard
  actions: UiActions
  /** A notice from the background (its words are looked up here, in the controls). */
  showNotice(notice: PageNotice): void
  showPageIds(): boolean
}

export type MountControls = (deps: ControlsDeps) => Controls

/**
 * Loads the controls into this frame once (the background injects inline-controls.js into this
 * content-script world) and mounts them. Resolves to null when they could not be had (the extension
 * went away, the background refused); the next call tries again.
 */
export function createControlsLoader(deps: ControlsDeps) {
  let current: Controls | null = null
  let loading: Promise<Controls | null> | null = null
  function load(): Promise<Controls | null> {
    if (current || !deps.ctx.isValid) return Promise.resolve(current)
    return (loading ??= deps
      .send('loadInlineUi', { part: 'controls' })
      .then(() => {
        const mount = world[MOUNT_CONTROLS] as MountControls | undefined
        if (!deps.ctx.isValid || !mount) return null
        return (current ??= mount(deps))
      })
      .catch((err: unknown) => {
        console.debug('[IDV Lens] the page controls could not be loaded', err)
        return null
      })
      .finally(() => (loading = null)))
  }
  return {
    load,
    /** The mounted controls, if they are there yet. */
    get current(): Controls | null {
      return current
    },
  }
}
