import { useEffect, useRef, useState } from 'preact/hooks'
import type { UiActions } from '../../content/card/ui-model.ts'
import { failureText, relayDetail } from '../../lib/failure-text.ts'
import { t, type MessageKey } from '../../lib/i18n.ts'
import type { RelayFailure } from '../../lib/messages.ts'

type Answer = { field: 'email' | 'name'; result: 'match' | 'no-match' | 'unknown' }

/** Where "Check the ticket's requester" is: never the value, which only the background and the relay see. */
export type TicketRequester =
  | { step: 'idle' | 'reading' | 'none' }
  | { step: 'answered'; answer: Answer }
  | { step: 'failed'; failure: RelayFailure | null }

const ANSWER_KEY = { match: 'requesterMatch', 'no-match': 'requesterNoMatch', unknown: 'requesterUnknown' } as const
const TONE = { match: 'good', 'no-match': 'bad', unknown: 'neutral' } as const

/** A day's bound or a lockout: the relay's detail says which bound and when it resets. */
const withBoundDetail = (failure: RelayFailure) =>
  failure.problem?.code.startsWith('requester-check-')
    ? [failureText(failure), relayDetail(failure)].filter(Boolean).join(' ')
    : failureText(failure)

/** The card's requester check for `id`: one click, one read and one relay call (the background does both). */
export function useTicketRequester(id: string, actions: UiActions): [TicketRequester, () => void] {
  const [state, setState] = useState<TicketRequester>({ step: 'idle' })
  const live = useRef(true)
  useEffect(() => () => void (live.current = false), [])
  const check = () => {
    if (state.step === 'reading') return
    setState({ step: 'reading' })
    const done = (next: TicketRequester) => live.current && setState(next)
    actions.checkTicketRequester(id).then(
      (checked) => {
        if (checked.read === 'none') return done({ step: 'none' })
        const { answer } = checked
        done(
          answer.ok
            ? { step: 'answered', answer: { field: checked.read, result: answer.data.data.result } }
            : { step: 'failed', failure: answer.error },
        )
      },
      () => done({ step: 'failed', failure: null }),
    )
  }
  return [state, check]
}

/** The answer under the card's links: the result and what was compared, or why there is none (and the paste field's way). */
export function CardRequesterAnswer({ id, state, actions }: { id: string; state: TicketRequester; actions: UiActions }) {
  if (state.step === 'idle') return null
  return (
    <div
      class="card-requester"
      role="status"
      data-testid="card-requester"
      data-result={state.step === 'answered' ? state.answer.result : state.step}
    >
      {state.step === 'reading' && <p>{t('ticketRequesterReading')}</p>}
      {state.step === 'answered' && (
        <>
          <p class={`card-requester-result tone-${TONE[state.answer.result]}`} data-testid="card-requester-result">
            {t(`${ANSWER_KEY[state.answer.result]}_${state.answer.field}` as MessageKey)}
          </p>
          <p class="card-requester-compared" data-testid="card-requester-compared">
            {t(`ticketRequesterCompared_${state.answer.field}`)}
          </p>
        </>
      )}
      {state.step === 'failed' && <p>{state.failure ? withBoundDetail(state.failure) : t('noticeReload')}</p>}
      {state.step === 'none' && (
        <p>
          {t('ticketRequesterNone')}{' '}
          <button type="button" class="link" onClick={() => actions.openDetail(id, 'requester')} data-testid="card-requester-paste">
            {t('ticketRequesterPaste')}
          </button>
        </p>
      )}
    </div>
  )
}
