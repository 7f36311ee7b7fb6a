import type { LiveEvent } from '@idv-lens/shared/api'
import { classifyId } from '@idv-lens/shared/ids'
import { POLL_MS, type LiveStatus, type LiveStore } from '../stores/live-store.ts'
import { CopyButton } from './CopyButton.tsx'
import { RelTime } from './RelTime.tsx'
import { StatusBadge } from './StatusBadge.tsx'
import { formatNumber, t } from '../lib/i18n.ts'

const INDICATOR: Record<LiveStatus, { text: () => string; tone: string } | null> = {
  off: null,
  connecting: { text: () => t('liveConnecting'), tone: 'neutral' },
  live: { text: () => t('liveLive'), tone: 'good' },
  reconnecting: { text: () => t('liveReconnecting'), tone: 'warn' },
  polling: { text: () => t('livePolling', formatNumber(POLL_MS / 1000, { style: 'unit', unit: 'second', unitDisplay: 'short' })), tone: 'neutral' },
}

/** What opens a live event's detail through the normal routes: Persona's event, deepidv's session. */
export function liveTarget(event: LiveEvent): string | null {
  const id = event.vendor === 'persona' ? event.id : event.objectId
  return classifyId(id) ? id : null
}

function LiveRow({ event, onOpen }: { event: LiveEvent; onOpen: (id: string) => void }) {
  const target = liveTarget(event)
  const object = event.objectId && classifyId(event.objectId) ? event.objectId : null
  return (
    <li class="row live-row" data-testid="live-event" data-vendor={event.vendor}>
      <div class="row-top">
        {target ? (
          <button type="button" class="row-open" onClick={() => onOpen(target)} aria-label={t('openItem', event.name, target)} data-testid="live-open">
            <code>{target}</code>
          </button>
        ) : (
          <code>{event.id}</code>
        )}
        {target && <CopyButton text={target} compact />}
        <StatusBadge status={event.status} />
      </div>
      <div class="row-meta">
        <strong data-testid="live-name">{event.name}</strong>
        {object && object !== target && (
          <span>
            {event.objectType}{' '}
            <button type="button" class="link id-link" onClick={() => onOpen(object)} aria-label={t('openItem', event.objectType || t('objectFallback'), object)}>
              {object}
            </button>
          </span>
        )}
        <RelTime iso={event.createdAt} />
      </div>
    </li>
  )
}

type Props = {
  live: LiveStore
  onOpen: (id: string) => void
  /** The popup shows a few; the side panel all it keeps. */
  limit?: number
  /** Show the section only once the socket has been open (the popup: no live events, no section). */
  onlyOnceLive?: boolean
}

/** New events as they happen, newest first, with the connection's state next to the heading. */
export function LiveEvents({ live, onOpen, limit, onlyOnceLive }: Props) {
  const status = live.status.value
  if (onlyOnceLive && status !== 'live' && live.events.value.length === 0) return null
  const indicator = INDICATOR[status]
  const shown = limit === undefined ? live.events.value : live.events.value.slice(0, limit)
  return (
    <section class="live" aria-label={t('liveSection')} data-testid="live-section">
      <h2 class="live-head">
        {t('liveHeading')}
        {indicator && (
          <span class={`badge tone-${indicator.tone} live-indicator`} data-testid="live-indicator" data-status={status} title={live.problem.value ?? undefined}>
            {status === 'live' && <span class="live-dot" aria-hidden="true" />}
            {indicator.text()}
          </span>
        )}
      </h2>
      {status !== 'polling' &&
        (shown.length === 0 ? (
          <p class="muted" data-testid="live-empty">{t('liveEmpty')}</p>
        ) : (
          <ul class="rows live-list" aria-live="polite">
            {shown.map((event) => (
              <LiveRow key={event.seq} event={event} onOpen={onOpen} />
            ))}
          </ul>
        ))}
    </section>
  )
}
