import { useContext, useEffect, useRef } from 'preact/hooks'
import type { Signal } from '@preact/signals'
import type { HistoryResponse, LookupFound } from '@idv-lens/shared/api'
import { reasonLine } from '../../lib/check-words.ts'
import { kindLabel } from '../../lib/kind-label.ts'
import { parseTime } from '../../lib/format.ts'
import type { Tone } from '../../lib/status-tone.ts'
import { t, tn } from '../../lib/i18n.ts'
import type { DetailSection } from '../../lib/messages.ts'
import { vendorWord } from '../../lib/vendor-words.ts'
import type { Resource } from '../../stores/resource.ts'
import { LocalTime } from '../LocalTime.tsx'
import { StatusBadge } from '../StatusBadge.tsx'
import { VendorFacts } from '../vendor-facts.ts'
import { VendorLines } from '../VendorLines.tsx'
import { Section } from './Fields.tsx'
import { ResourceState } from './ResourceState.tsx'

/** The other attempts of the same person: how many, and whether all of them came before this one. */
export function otherAttempts(
  history: HistoryResponse | null,
  id: string,
  createdAt: string | null,
): { count: number; allEarlier: boolean } {
  const others = (history?.data ?? []).filter((e) => e.id !== id)
  const at = parseTime(createdAt)
  const allEarlier = at !== null && others.every((e) => (parseTime(e.createdAt) ?? 0) <= at)
  return { count: others.length, allEarlier }
}

/** The newest attempt after this one that ended verified (a good status by its vendor's `tone`), or null: the first thing the agent needs. */
export function laterVerified(
  history: HistoryResponse | null,
  id: string,
  createdAt: string | null,
  tone: (vendor: string, status: string) => Tone,
): LookupFound | null {
  const at = parseTime(createdAt)
  if (at === null) return null
  const later = (history?.data ?? []).filter(
    (e) => e.id !== id && (parseTime(e.createdAt) ?? 0) > at && tone(e.provider, e.status) === 'good',
  )
  return later.reduce<LookupFound | null>(
    (newest, e) => (!newest || (parseTime(e.createdAt) ?? 0) > (parseTime(newest.createdAt) ?? 0) ? e : newest),
    null,
  )
}

function LaterVerified({ entry, onOpen }: { entry: LookupFound; onOpen: (id: string) => void }) {
  return (
    <p class="later-verified" data-testid="later-verified" data-id={entry.id}>
      {t('historyLaterVerified')}{' '}
      <button type="button" class="link" onClick={() => onOpen(entry.id)} aria-label={t('openItem', kindLabel(entry.kind), entry.id)}>
        <code>{entry.id}</code>
      </button>{' '}
      <StatusBadge vendor={entry.provider} status={entry.status} /> <LocalTime iso={entry.createdAt} />
    </p>
  )
}

const attemptsText = ({ count, allEarlier }: { count: number; allEarlier: boolean }) =>
  tn(allEarlier ? 'historyEarlier' : 'historyOther', count)

type EarlierProps = {
  history: Resource<HistoryResponse>
  id: string
  createdAt: string | null
  focus: Signal<DetailSection | null>
  onOpen: (id: string) => void
}

/**
 * At the top of the detail: a later attempt that was verified, first, opening in one click; then
 * "3 earlier attempts", which brings the customer history into sight. Nothing while the history
 * loads or when there is none.
 */
export function EarlierAttempts({ history, id, createdAt, focus, onOpen }: EarlierProps) {
  const attempts = otherAttempts(history.data.value, id, createdAt)
  if (attempts.count === 0) return null
  const { tone } = useContext(VendorFacts)
  const verified = laterVerified(history.data.value, id, createdAt, tone)
  return (
    <>
      {verified && <LaterVerified entry={verified} onOpen={onOpen} />}
      <p class="earlier-attempts">
        <button
          type="button"
          class="link"
          onClick={() => (focus.value = 'history')}
          data-testid="earlier-attempts"
          data-count={attempts.count}
        >
          {attemptsText(attempts)}
        </button>
      </p>
    </>
  )
}

function Attempt({ entry, current, onOpen }: { entry: LookupFound; current: boolean; onOpen: (id: string) => void }) {
  const line = reasonLine(entry.status, entry.reason)
  return (
    <li class="attempt" data-testid="history-attempt" data-id={entry.id} data-current={current ? '' : undefined}>
      <div class="attempt-top">
        {current ? (
          <code>{entry.id}</code>
        ) : (
          <button type="button" class="link" onClick={() => onOpen(entry.id)} aria-label={t('openItem', kindLabel(entry.kind), entry.id)}>
            <code>{entry.id}</code>
          </button>
        )}
        <StatusBadge vendor={entry.provider} status={entry.status} />
        {current && <span class="muted">({t('historyThisOne')})</span>}
      </div>
      <div class="attempt-meta muted">
        {kindLabel(entry.kind)} · <LocalTime iso={entry.createdAt} />
        {entry.case && <span data-testid="history-case"> · {t('cardCase', vendorWord(entry.case.status))}</span>}
      </div>
      {line && (
        <div class="attempt-reason" data-testid="history-reason">
          {line}
        </div>
      )}
    </li>
  )
}

/** Every attempt with the same reference ID (deepidv: external ID), newest first, each opening its detail, and a line per vendor. */
export function HistorySection({
  history,
  id,
  focus,
  onOpen,
}: {
  history: Resource<HistoryResponse>
  id: string
  focus: Signal<DetailSection | null>
  onOpen: (id: string) => void
}) {
  const root = useRef<HTMLDivElement>(null)
  // Once the history is in, and after the view's own effects (the detail focuses its heading when it opens).
  useEffect(() => {
    if (focus.value !== 'history' || !history.data.value) return
    const timer = setTimeout(() => {
      root.current?.scrollIntoView({ block: 'start' })
      const heading = root.current?.querySelector<HTMLElement>('h3')
      heading?.setAttribute('tabindex', '-1')
      heading?.focus()
      focus.value = null
    })
    return () => clearTimeout(timer)
  }, [focus.value, history.data.value])
  return (
    <div ref={root}>
      <Section name="history" titleKey="secHistory">
        <ResourceState resource={history} rows={2}>
          {(h) => {
            if (!h.referenceId) return <p class="muted">{t('historyNoReference')}</p>
            const others = h.data.filter((e) => e.id !== id)
            return (
              <>
                <p class="muted">{others.length === 0 ? t('historyNone') : t('historyFor', h.referenceId)}</p>
                {others.length > 0 && (
                  <ol class="attempts" data-testid="history-list">
                    {h.data.map((entry) => (
                      <Attempt key={entry.id} entry={entry} current={entry.id === id} onOpen={onOpen} />
                    ))}
                  </ol>
                )}
                <VendorLines lines={h.vendors} />
                {!h.complete && <p class="muted">{t('historyIncomplete')}</p>}
              </>
            )
          }}
        </ResourceState>
      </Section>
    </div>
  )
}
