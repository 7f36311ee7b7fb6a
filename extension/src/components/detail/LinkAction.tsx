import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import { useSignal, type Signal } from '@preact/signals'
import { linkLasts } from '../../lib/link-expiry.ts'
import { localTime } from '../../lib/format.ts'
import { t, type MessageKey } from '../../lib/i18n.ts'
import { customerReply, type ReplyTexts } from '../../lib/customer-reply.ts'
import type { SummaryFacts } from '../../lib/copy-summary.ts'
import { flaggedReason } from '../../lib/check-words.ts'
import { useReplyTexts } from './CopySummary.tsx'
import type { DetailSection } from '../../lib/messages.ts'
import type { LinkAction as Action, ReplyDelivery } from '../../stores/link-action.ts'
import type { RequesterCheck } from '../../stores/requester-check.ts'
import { Notices } from '../ErrorBanner.tsx'
import { FlaggedNote } from './Flagged.tsx'

/** `confirm`: the vendor's confirm text for its link action (its declaration's `confirm`); `contact`: whom to tell of a flagged record (GET /v1/me). */
type Props = {
  id: string
  facts: SummaryFacts | null
  link: Action
  confirm: MessageKey
  requester: RequesterCheck
  focus: Signal<DetailSection | null>
  contact?: string | null
}

/** Focuses the first control of the step on screen, so the keyboard follows the flow. */
function useStepFocus(box: { current: HTMLElement | null }, step: string) {
  useEffect(() => {
    if (step !== 'closed') box.current?.querySelector<HTMLElement>('[data-step-focus]')?.focus()
  }, [step])
}

/** A step's buttons, then the one that cancels the link. */
function StepActions({ onCancel, children }: { onCancel: () => void; children: ComponentChildren }) {
  return (
    <div class="actions">
      {children}
      <button type="button" class="small" onClick={onCancel} data-testid="link-cancel">
        {t('cancel')}
      </button>
    </div>
  )
}

/**
 * "Send a new link": a confirm step naming the object and how long the link is valid, in the words
 * of the vendor's action (vendors/vendor.ts `VendorAction`); the requester check first when the relay
 * wants it; then the customer reply with the link, put into the ticket's reply box (else on the
 * clipboard) and shown here once. Closing it (or leaving the view) drops the link: it is kept nowhere.
 */
export function LinkAction({ id, facts, link, confirm, requester, focus, contact = null }: Props) {
  const texts = useReplyTexts()
  const box = useRef<HTMLDivElement>(null)
  const state = link.state.value
  useStepFocus(box, state.step)
  // The requester check matched while the agent was asked for it: on to the confirm step.
  useEffect(() => {
    if (state.step === 'requester-first' && requester.answer.value?.result === 'match') link.open()
  }, [state.step, requester.answer.value])
  // A person a fraud check flagged is never offered another try (the relay refuses it too).
  if (facts && flaggedReason(facts.reason)) return <FlaggedNote contact={contact} />
  if (state.step === 'closed') {
    return (
      <button type="button" class="small" onClick={link.open} data-testid="action-link">
        {t('actionLink')}
      </button>
    )
  }
  const lasts = linkLasts(link.expiresInSeconds)
  return (
    <div ref={box} class="action-step" role="group" aria-label={t('actionLink')} data-testid="link-step" data-step={state.step}>
      {state.step === 'requester-first' && <RequesterFirst link={link} focus={focus} />}
      {state.step === 'already-made' && <AlreadyMade at={state.at} link={link} />}
      {(state.step === 'confirm' || state.step === 'sending' || state.step === 'failed') && (
        <ConfirmStep text={t(confirm, id, lasts)} state={state} link={link} />
      )}
      {state.step === 'sent' && <LinkReply text={replyWithLink({ facts, link: state.link, lasts, texts: texts.value })} link={link} />}
    </div>
  )
}

/** The relay wants the requester checked before a link: the way to that check. */
function RequesterFirst({ link, focus }: { link: Action; focus: Props['focus'] }) {
  return (
    <>
      <p role="status">{t('linkRequesterFirst')}</p>
      <StepActions onCancel={link.close}>
        <button type="button" class="small" data-step-focus onClick={() => (focus.value = 'requester')} data-testid="link-check-requester">
          {t('cardCheckRequester')}
        </button>
      </StepActions>
    </>
  )
}

type Sending = Extract<Action['state']['value'], { step: 'confirm' | 'sending' | 'failed' }>

/** The vendor's confirm text, a failure with its retry, and the button that sends (again). */
function ConfirmStep({ text, state, link }: { text: string; state: Sending; link: Action }) {
  return (
    <>
      <p data-testid="link-confirm-text">{text}</p>
      {state.step === 'failed' && (
        <Notices error={state.error} fetched={null} onRetry={() => void link.confirm()} onRefresh={() => void link.confirm()} />
      )}
      <StepActions onCancel={link.close}>
        <button
          type="button"
          class="small primary"
          data-step-focus
          aria-disabled={state.step === 'sending'}
          onClick={() => void link.confirm()}
          data-testid="link-confirm"
        >
          {state.step === 'sending' ? t('linkSending') : state.step === 'failed' ? t('tryAgain') : t('linkSend')}
        </button>
      </StepActions>
    </>
  )
}

/** A keyed retry the relay had already carried out: when, and a new click (a new key) for another link. */
function AlreadyMade({ at, link }: { at: number; link: Props['link'] }) {
  return (
    <>
      <p role="status" data-testid="link-already-made">
        {t('linkAlreadyMade', localTime(at))}
      </p>
      <StepActions onCancel={link.close}>
        <button type="button" class="small" data-step-focus onClick={link.open} data-testid="link-new-click">
          {t('actionLink')}
        </button>
      </StepActions>
    </>
  )
}

/** The customer reply (lib/customer-reply.ts, in the team's texts) with the new link, and how long it is valid. */
function replyWithLink({
  facts,
  link,
  lasts,
  texts,
}: {
  facts: SummaryFacts | null
  link: string
  lasts: string
  texts: ReplyTexts
}): string {
  const valid = t('linkReplyValid', lasts)
  if (!facts) return [t('reply_link'), link, '', valid].join('\n')
  return `${customerReply(facts, { link, texts })}\n\n${valid}`
}

const DELIVERED: Record<ReplyDelivery, MessageKey> = {
  composer: 'linkReplyInserted',
  clipboard: 'linkReplyNoComposer',
  'not-copied': 'linkReplyNotCopied',
}

/** The reply with the link: into the ticket's reply box at once (else on the clipboard), shown once. */
function LinkReply({ text, link }: { text: string; link: Action }) {
  const delivered = useSignal<ReplyDelivery | null>(null)
  const copied = useSignal<boolean | null>(null)
  useEffect(() => void link.deliver(text).then((how) => (delivered.value = how)), [text])
  const copy = () =>
    link.copy(text).then(
      () => (copied.value = true),
      () => (copied.value = false),
    )
  const status =
    copied.value === null ? delivered.value && t(DELIVERED[delivered.value]) : copied.value ? t('linkReplyCopied') : t('linkReplyNotCopied')
  return (
    <>
      <p role="status" data-testid="link-sent" data-delivered={delivered.value ?? undefined}>
        {status ?? t('linkReplyInserting')}
      </p>
      <label class="sr-only" for="link-reply">
        {t('linkReplyLabel')}
      </label>
      <textarea id="link-reply" class="link-reply" readOnly rows={7} value={text} data-testid="link-reply" />
      <p class="muted">{t('linkShownOnce')}</p>
      <div class="actions">
        <button type="button" class="small" onClick={() => void copy()} data-testid="link-copy">
          {t('linkCopyAgain')}
        </button>
        <button type="button" class="small primary" data-step-focus onClick={link.close} data-testid="link-done">
          {t('linkDone')}
        </button>
      </div>
    </>
  )
}
