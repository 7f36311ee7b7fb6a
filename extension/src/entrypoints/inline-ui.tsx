import { defineUnlistedScript } from '#imports'
import { signal, type Signal } from '@preact/signals'
import { render } from 'preact'
import type { UiActions, UiModel } from '../content/card/ui-model.ts'
import { App } from './inline-lookups.content/App.tsx'
import { addShadowStyles } from './inline-lookups.content/shadow-host.ts'
import { lookupSignals } from './inline-lookups.content/lookup-signals.ts'
import styles from './inline-lookups.content/style.css?inline'
import { MOUNT_UI, world } from '../content/world-keys.ts'
import { followPageScheme } from '../content/card/page-scheme.ts'

/*
The card, the list and their UI library (Preact), apart from the content script: a frame gets them
the first time the agent hovers one of its IDs or opens the list (the background injects this file
into that frame's content-script world: see INLINE_UI_FILE). A frame where the agent never does
pays only for the count and the marks.
*/

/** Where and what to render: our shadow root and its container, the content script's model and actions, its launcher. */
export type InlineUiMount = { shadow: ShadowRoot; container: Element; model: UiModel; actions: UiActions; launcher: HTMLButtonElement }
export type MountInlineUi = (into: InlineUiMount) => () => void

/** Each cell of the content script's model, mirrored in a signal of this bundle's Preact (which the components read). */
function mirror(model: UiModel): { signals: UiModel; stop(): void } {
  const stops: (() => void)[] = []
  const signals: Record<string, Signal<unknown>> = {}
  for (const [name, cell] of Object.entries(model) as [string, UiModel[keyof UiModel]][]) {
    const mirrored = signal<unknown>(cell.value)
    stops.push((cell.subscribe as (listener: (value: unknown) => void) => () => void)((value) => (mirrored.value = value)))
    signals[name] = mirrored
  }
  return { signals: signals as unknown as UiModel, stop: () => stops.forEach((stop) => stop()) }
}

const mountInlineUi: MountInlineUi = ({ shadow, container, model, actions, launcher }) => {
  addShadowStyles(shadow, styles)
  const { signals, stop } = mirror(model)
  const lookups = lookupSignals(model, actions)
  const stopScheme = followPageScheme(model.card, container as HTMLElement, document)
  render(<App model={signals} actions={actions} lookupOf={lookups.lookupOf} launcher={launcher} />, container)
  return () => {
    stop()
    stopScheme()
    lookups.stop()
    render(null, container)
  }
}

export default defineUnlistedScript(() => {
  // The content script's world only (the page has its own globals): the content script picks it up from here.
  world[MOUNT_UI] = mountInlineUi
})
