import { effect, type ReadonlySignal } from '@preact/signals'
import { readEffectiveSettings, watchSettings } from '../lib/effective-settings.ts'
import type { MessageKey } from '../lib/i18n.ts'
import type { RelayFailure } from '../lib/messages.ts'
import { fetchedAt, type FailureState } from './fetch-state.ts'
import { forgetFirstPaint, keepFirstPaint, pageStorage, readFirstPaint, type FirstPaintItem } from '../lib/first-paint-snapshot.ts'
import { firstPaintText } from '../lib/first-paint-text.ts'
import { clearListSnapshots, type SnapshotStore } from './list-snapshot.ts'

/**
 * Keeps and guards the popup's first screen (lib/first-paint-snapshot.ts) from the extension's
 * pages: the service worker has no localStorage, so the pages that show lists, and the options page
 * where settings change, are the ones that keep it and forget it.
 */

type Relay = () => Promise<string>
const settingsRelay: Relay = async () => (await readEffectiveSettings()).workerUrl

/**
 * The popup's inquiries snapshot, also kept for the first paint, tagged with the relay set now and
 * with the words its rows show, formatted here (lib/first-paint-text.ts); both copies with the
 * popup's `tabs`, which the first paint draws. An answer asked of the previous relay never gets here:
 * the settings change reloads the list (lists.ts reloadShown), and the list store drops an answer to
 * a load that was overtaken.
 */
export function withFirstPaint<T extends { id: string }>(
  store: SnapshotStore<T>,
  tabs: readonly MessageKey[],
  relay: Relay = settingsRelay,
  storage: Storage | null = pageStorage(),
): SnapshotStore<T> {
  return {
    read: store.read,
    async write(snapshot) {
      const [set] = await Promise.all([relay(), store.write({ ...snapshot, tabs })])
      const at = fetchedAt(snapshot.fetched)
      // The popup's list holds records with attributes (vendors/vendor.ts `opensPopup`): the first paint draws their status and creation time.
      const items = snapshot.items as unknown as FirstPaintItem[]
      keepFirstPaint(storage, { relay: set, fetchedAt: at, items, tabs, text: firstPaintText(items, at) })
    },
  }
}

/** The relay refused the agent (token refused, sign-in needed) or is no longer set: the kept rows are not theirs to see. */
export const refusesAgent = (failure: RelayFailure): boolean => failure.kind === 'unauthorized' || failure.kind === 'not-configured'

/** Forgets the first screen whenever the relay address, the token or the policy's copy of them changes. Returns the unwatch. */
export function forgetFirstPaintOnSettingsChange(storage: Storage | null = pageStorage()): () => void {
  return watchSettings(() => forgetFirstPaint(storage))
}

/**
 * For a page that shows lists: forgets the first screen on a settings change and when `list` (the
 * list it opens on) hears that the relay refuses the agent (then the lists' storage.session copies as well).
 * Returns the dispose.
 */
export function guardFirstPaint(list: { error: ReadonlySignal<FailureState | null> }, storage: Storage | null = pageStorage()): () => void {
  const unwatch = forgetFirstPaintOnSettingsChange(storage)
  const stop = effect(() => {
    const error = list.error.value
    if (!error || !refusesAgent(error.failure)) return
    forgetFirstPaint(storage)
    // The storage.session copies too: the first paint falls back to one, and the lists paint theirs while loading.
    void clearListSnapshots().catch(() => {})
  })
  return () => {
    unwatch()
    stop()
  }
}

/**
 * At the popup's start, behind the first paint: a kept screen from another relay than the one set
 * now (settings changed while no extension page was open to forget it, e.g. by policy) is forgotten
 * and taken off the screen, the app shown in its place. Returns whether it was.
 */
export async function dropForeignFirstPaint(
  firstPaint: HTMLElement | null,
  app: HTMLElement,
  relay: Relay = settingsRelay,
  storage: Storage | null = pageStorage(),
): Promise<boolean> {
  const kept = readFirstPaint(storage)
  if (!kept || kept.relay === (await relay())) return false
  forgetFirstPaint(storage)
  if (firstPaint?.isConnected) {
    firstPaint.remove()
    app.hidden = false
  }
  return true
}
