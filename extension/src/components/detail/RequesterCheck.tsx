import type { RefObject } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import type { Signal } from '@preact/signals'
import type { RequesterField } from '@idv-lens/shared/api'
import { localTime } from '../../lib/format.ts'
import { t, type MessageKey } from '../../lib/i18n.ts'
import type { DetailSection } from '../../lib/messages.ts'
import type { RequesterCheck as Check } from '../../stores/requester-check.ts'
import { Notices } from '../ErrorBanner.tsx'
import { Section } from './Fields.tsx'

/** An email has an @; anything else the agent types is a name. */
export const requesterField = (value: string): RequesterField => (value.includes('@') ? 'email' : 'name')

const ANSWER: Record<
  'match' | 'no-match' | 'unknown',
  { key: 'requesterMatch' | 'requesterNoMatch' | 'requesterUnknown'; tone: 'good' | 'bad' | 'neutral' }
> = {
  match: { key: 'requesterMatch', tone: 'good' },
  'no-match': { key: 'requesterNoMatch', tone: 'bad' },
  unknown: { key: 'requesterUnknown', tone: 'neutral' },
}

/**
 * Keeps the focused field in view while the sections above it load and push it down (or the view's
 * own focus moves it away), until the agent scrolls or clicks: the card's "paste it" lands in sight.
 */
function keepInView(field: HTMLElement): () => void {
  const follow = new IntersectionObserver(
    ([seen]) => {
      if (seen && seen.intersectionRatio < 1 && document.activeElement === field) field.scrollIntoView({ block: 'center' })
    },
    { threshold: 1 },
  )
  const agentMoves = ['wheel', 'pointerdown', 'touchmove'] as const
  const stop = () => {
    follow.disconnect()
    for (const type of agentMoves) removeEventListener(type, stop, true)
  }
  follow.observe(field)
  for (const type of agentMoves) addEventListener(type, stop, { capture: true, passive: true })
  return stop
}

/**
 * "Check requester": the agent types or pastes the ticket's email or name and learns match / no
 * match / unknown. The input is uncontrolled, so the value lives in the field alone (no state, no
 * signal, no storage), and the field is emptied once the relay answered.
 */
export function RequesterCheck({ check, focus }: { check: Check; focus: Signal<DetailSection | null> }) {
  const input = useRef<HTMLInputElement>(null)
  const section = useRef<HTMLDivElement>(null)
  useFocusFromCard({ focus, section, input })
  return (
    <div ref={section}>
      <Section name="requester" titleKey="secRequester">
        <p class="muted requester-hint">{t('requesterHint')}</p>
        <button
          type="button"
          class="small"
          disabled={check.busy.value}
          onClick={() => void check.checkTicket()}
          title={t('ticketRequesterHelp')}
          data-testid="requester-from-ticket"
        >
          {t('ticketRequesterCheck')}
        </button>
        <RequesterForm check={check} input={input} />
        <Notices error={check.error.value} fetched={null} onRetry={() => input.current?.focus()} onRefresh={() => input.current?.focus()} />
        <RequesterAnswer check={check} />
      </Section>
    </div>
  )
}

/**
 * A card's "Check requester" opened the detail here: bring the field into sight and type-ready.
 * After the view's own effects: the detail moves focus to its heading when it opens, and the check must win.
 */
function useFocusFromCard({
  focus,
  section,
  input,
}: {
  focus: Signal<DetailSection | null>
  section: RefObject<HTMLElement>
  input: RefObject<HTMLInputElement>
}): void {
  const following = useRef(() => {})
  useEffect(() => () => following.current(), [])
  useEffect(() => {
    if (focus.value !== 'requester') return
    const timer = setTimeout(() => {
      section.current?.scrollIntoView({ block: 'center' })
      input.current?.focus()
      following.current()
      if (input.current) following.current = keepInView(input.current)
      focus.value = null
    })
    return () => clearTimeout(timer)
  }, [focus.value])
}

/** The field the agent types or pastes into, uncontrolled and emptied once the relay answered. */
function RequesterForm({ check, input }: { check: Check; input: RefObject<HTMLInputElement> }) {
  const submit = async (event: Event) => {
    event.preventDefault()
    const field = input.current
    if (!field || !field.value.trim()) return
    const value = field.value
    await check.check(requesterField(value), value)
    field.value = ''
  }
  return (
    <form class="requester-form" onSubmit={submit} autocomplete="off" data-testid="requester-form">
      <label class="sr-only" for="requester-value">
        {t('requesterValue')}
      </label>
      <input
        ref={input}
        id="requester-value"
        type="text"
        placeholder={t('requesterValue')}
        autocomplete="off"
        spellcheck={false}
        data-testid="requester-input"
        onInput={() => check.answer.value && check.reset()}
      />
      <button type="submit" class="small" disabled={check.busy.value} data-testid="requester-submit">
        {check.busy.value ? t('requesterChecking') : t('requesterSubmit')}
      </button>
    </form>
  )
}

/** What the check said (match, no match, unknown) and what it compared, or that the ticket names no requester. */
function RequesterAnswer({ check }: { check: Check }) {
  const answer = check.answer.value
  const from = check.fromTicket.value
  const shown = answer ? ANSWER[answer.result] : null
  return (
    <p class="requester-answer" role="status" data-testid="requester-answer" data-result={answer?.result ?? ''}>
      {answer && shown && (
        <span class={`badge requester-result tone-${shown.tone}`} data-testid="requester-result">
          {t(`${shown.key}_${answer.field}` as MessageKey)}
        </span>
      )}
      {answer && from !== null && from !== 'none' && <span class="muted requester-compared">{t(`ticketRequesterCompared_${from}`)}</span>}
      {answer && check.heldAt.value !== null && (
        <span class="muted requester-compared" data-testid="requester-held">
          {t('requesterHeld', localTime(check.heldAt.value))}
        </span>
      )}
      {from === 'none' && <span data-testid="requester-none">{t('ticketRequesterNoneHere')}</span>}
    </p>
  )
}
