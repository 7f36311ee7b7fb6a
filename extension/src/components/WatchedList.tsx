import { vendorOfKind } from '@idv-lens/shared/ids'
import type { Send } from '../lib/messages.ts'
import { sendMessage } from '../lib/messages.ts'
import { kindLabel } from '../lib/kind-label.ts'
import { t } from '../lib/i18n.ts'
import { vendorWord } from '../lib/vendor-words.ts'
import type { WatchedStore } from '../stores/watched-store.ts'
import { RelTime } from './RelTime.tsx'
import { StatusBadge } from './StatusBadge.tsx'

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * The popup's watched IDs: each with its status and case as last seen and when it changed (or since
 * when it is watched); a row opens the detail, × stops watching. Nothing when nothing is watched.
 */
export function WatchedList({ watched, onOpen, send = sendMessage }: { watched: WatchedStore; onOpen: (id: string) => void; send?: Send }) {
  const watches = watched.watches.value
  if (watches.length === 0) return null
  return (
    <section class="watched" aria-labelledby="watched-title" data-testid="watched">
      <h2 id="watched-title">{t('watchedHeading', watches.length)}</h2>
      <ul class="watched-rows">
        {watches.map((w) => (
          <li key={w.id} class="watched-row" data-testid="watched-row" data-id={w.id}>
            <button
              type="button"
              class="row-open watched-open"
              onClick={() => onOpen(w.id)}
              aria-label={t('openItem', kindLabel(w.kind), w.id)}
              data-testid="watched-open"
            >
              <code>{w.id}</code>
            </button>
            <StatusBadge vendor={vendorOfKind(w.kind)} status={w.status} />
            {w.caseStatus && (
              <span class="muted" data-testid="watched-case">
                {t('watchedCase', vendorWord(w.caseStatus))}
              </span>
            )}
            <span class="muted watched-when" data-testid="watched-when">
              {w.changedAt !== null ? (
                <>
                  {t('watchedChanged')} <RelTime iso={iso(w.changedAt)} />
                </>
              ) : (
                <>
                  {t('watchedSince')} <RelTime iso={iso(w.since)} />
                </>
              )}
            </span>
            <button
              type="button"
              class="icon watched-stop"
              onClick={() =>
                void send('setWatch', { id: w.id, on: false }).then(
                  () => watched.load(),
                  () => {},
                )
              }
              aria-label={t('watchStop', w.id)}
              title={t('watchStop', w.id)}
              data-testid="watched-stop"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
