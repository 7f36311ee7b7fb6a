import type { LiveEvent } from '@idv-lens/shared/api'
import { classifyId } from '@idv-lens/shared/ids'
import { useRef } from 'preact/hooks'
import { POLL_MS, type LiveStatus, type LiveStore } from '../stores/live-store.ts'
import type { LiveUnseen } from '../stores/live-unseen.ts'
import { CopyButton } from '../components/CopyButton.tsx'
import { ErrorBanner } from '../components/ErrorBanner.tsx'
import { LiveFilter } from '../components/LiveFilter.tsx'
import { scopeEvents, type LiveFilter as Filter } from '../stores/live-filter.ts'
import { RelTime } from '../components/RelTime.tsx'
import { StatusBadge } from '../components/StatusBadge.tsx'
import { formatNumber, t } from '../lib/i18n.ts'
import { eventWords, VENDORS } from '../vendors/index.ts'

const INDICATOR: Record<LiveStatus, { text: () => string; tone: string } | null> = {
  off: null,
  connecting: { text: () => t('liveConnecting'), tone: 'neutral' },
  live: { text: () => t('liveLive'), tone: 'good' },
  reconnecting: { text: () => t('liveReconnecting'), tone: 'warn' },
  refused: { text: () => t('liveRefused'), tone: 'bad' },
  polling: {
    text: () => t('livePolling', formatNumber(POLL_MS / 1000, { style: 'unit', unit: 'second', unitDisplay: 'short' })),
    tone: 'neutral',
  },
}

/** What opens a live event's detail through the normal routes: the object it is about, unless its vendor says otherwise (vendors/vendor.ts `liveTarget`). */
export function liveTarget(event: LiveEvent): string | null {
  const vendor = Object.hasOwn(VENDORS, event.vendor) ? VENDORS[event.vendor] : null
  const id = vendor?.liveTarget ? vendor.liveTarget(event) : event.objectId
  return classifyId(id) ? id : null
}

/** A live event: what happened in words (its vendor's registry; its name as sent on hover), status and time; then the ID it opens. */
function LiveRow({ event, onOpen, isNew }: { event: LiveEvent; onOpen: (id: string) => void; isNew: boolean }) {
  const target = liveTarget(event)
  const object = event.objectId && classifyId(event.objectId) ? event.objectId : null
  const words = eventWords(event.vendor, event.name)
  return (
    <li
      class={`row live-row${target ? ' row-whole' : ''}${isNew ? ' is-new' : ''}`}
      data-testid="live-event"
      data-vendor={event.vendor}
      data-new={isNew || undefined}
    >
      <div class="row-meta row-lead">
        {isNew && (
          <span class="new-mark" data-testid="live-new">
            {t('liveNewRow')}
          </span>
        )}
        <StatusBadge vendor={event.vendor} status={event.status} />
        <strong data-testid="live-name" data-name={event.name} title={words ? event.name : undefined}>
          {words ?? event.name}
        </strong>
        <RelTime iso={event.createdAt} />
      </div>
      <div class="row-top">
        {target ? (
          <button
            type="button"
            class="row-open"
            onClick={() => onOpen(target)}
            aria-label={t('openItem', words ?? event.name, target)}
            data-testid="live-open"
          >
            <code>{target}</code>
          </button>
        ) : (
          <code>{event.id}</code>
        )}
        {target && <CopyButton text={target} compact />}
      </div>
      {object && object !== target && (
        <div class="row-meta live-object">
          <span>
            {event.objectType}{' '}
            <button
              type="button"
              class="link id-link"
              onClick={() => onOpen(object)}
              aria-label={t('openItem', event.objectType || t('objectFallback'), object)}
            >
              {object}
            </button>
          </span>
        </div>
      )}
    </li>
  )
}

/**
 * What the status region says: how many events arrived since this list was put on screen. Only
 * arrivals change it; the rows' "12 s ago" texts tick outside any live region, so a screen reader
 * is not read a clock every second.
 */
function useArrivals(events: LiveEvent[]): string {
  const first = useRef<number | null>(null)
  const top = events.reduce((max, e) => Math.max(max, e.seq), 0)
  if (first.current === null) first.current = top
  const arrived = events.filter((e) => e.seq > (first.current ?? 0)).length
  return arrived === 0 ? '' : t('liveArrived', formatNumber(arrived))
}

function restart(live: LiveStore) {
  live.stop()
  live.start()
}

export { liveTabNotes } from '../components/live-tab-notes.ts'

type Props = {
  live: LiveStore
  onOpen: (id: string) => void
  /** Marks the rows the agent has not seen yet (the Live tab's "3 new"). */
  unseen?: Pick<LiveUnseen, 'isNew'>
  /** Narrows the feed to watched IDs or this tab's IDs (stores/live-filter.ts). */
  filter?: Filter
}

/** The Live tab: events as they happen, newest first, with the connection's state next to the heading. */
export function LiveEvents({ live, onOpen, unseen, filter }: Props) {
  const status = live.status.value
  const all = live.events.value
  const events = filter ? scopeEvents(all, filter.scope.value, filter.watches.value, filter.pageSet.value) : all
  const indicator = INDICATOR[status]
  const announcement = useArrivals(events)
  return (
    <section class="live" aria-labelledby="live-title" data-testid="live-section">
      <h2 class="live-head">
        <span id="live-title">{t('liveSection')}</span>
        {indicator && (
          <span
            class={`badge tone-${indicator.tone} live-indicator`}
            data-testid="live-indicator"
            data-status={status}
            title={live.problem.value ?? undefined}
          >
            {status === 'live' && <span class="live-dot" aria-hidden="true" />}
            {indicator.text()}
          </span>
        )}
      </h2>
      {filter && <LiveFilter filter={filter} />}
      {/* What only the settings fix (the token, the URL): said with the way there, and no more tries until then.
          A relay not reached: said as the lists say it, while the tries go on. */}
      {status === 'refused' && live.refusal.value && (
        <ErrorBanner state={{ failure: live.refusal.value, retryAt: null }} onRetry={() => restart(live)} shown={null} />
      )}
      {status === 'reconnecting' && live.unreachable?.value && (
        <ErrorBanner state={{ failure: live.unreachable.value, retryAt: null }} onRetry={() => restart(live)} shown={null} />
      )}
      <p class="sr-only" role="status" data-testid="live-announcer">
        {announcement}
      </p>
      {status !== 'polling' &&
        status !== 'refused' &&
        (events.length === 0 ? (
          <p class="muted" data-testid="live-empty">
            {filter && filter.scope.value !== 'all'
              ? t(filter.scope.value === 'watched' ? 'liveScopeEmptyWatched' : 'liveScopeEmptyPage')
              : t('liveEmpty')}
          </p>
        ) : (
          <ul class="rows live-list" aria-labelledby="live-title">
            {events.map((event) => (
              <LiveRow key={event.seq} event={event} onOpen={onOpen} isNew={unseen?.isNew(event) ?? false} />
            ))}
          </ul>
        ))}
    </section>
  )
}
