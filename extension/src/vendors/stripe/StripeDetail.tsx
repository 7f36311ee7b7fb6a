import { useEffect, useRef } from 'preact/hooks'
import type { Signal } from '@preact/signals'
import {
  CopySummary,
  EarlierAttempts,
  FlaggedNotice,
  type Field,
  Fields,
  HistorySection,
  LocalTime,
  ResourceState,
  Section,
  StatusBadge,
  VendorTerm,
} from '../../kit/views.ts'
import { kindLabel, t, vendorWord } from '../../kit/words.ts'
import type { DetailSection } from '../../kit/relay.ts'
import { StripeChecks, StripeWhy } from './StripeChecks.tsx'
import { factsOfStripeReport, factsOfStripeSession, isoOfSeconds, modeWord, verificationTypeWord } from './stripe-facts.ts'
import type { StripeVerificationReport, StripeVerificationSession } from '@idv-lens/shared/api'
import type { StripeReportView, StripeSessionView } from './stripe-detail.ts'

type Open = (id: string) => void

/** Another Stripe object the detail names (a session's report, a report's session): one click opens it. */
function ObjectLink({
  kind,
  id,
  onOpen,
}: {
  kind: 'stripe-verification-session' | 'stripe-verification-report'
  id: string
  onOpen: Open
}) {
  return (
    <button
      type="button"
      class="link"
      onClick={() => onOpen(id)}
      aria-label={t('openItem', kindLabel(kind), id)}
      data-testid="stripe-related"
    >
      <code>{id}</code>
    </button>
  )
}

/** What a session and a report both say: type, reference, created, live or test mode. */
function common(o: StripeVerificationSession | StripeVerificationReport): Field[] {
  return [
    ['fieldType', o.type ? <VendorTerm text={verificationTypeWord(o.type)} raw={o.type} /> : null],
    ['fieldReferenceId', o.client_reference_id ? <code>{o.client_reference_id}</code> : null],
    ['fieldCreated', <LocalTime iso={isoOfSeconds(o.created)} />],
    ['fieldMode', modeWord(o.livemode)],
  ]
}

/**
 * The requester check compares what the agent types with the person's verified data; Stripe's
 * (`verified_outputs`) never leaves the relay, and the relay has no Stripe check. Said plainly, in
 * the check's place, and brought into sight when a link asked for the check.
 */
function RequesterUnavailable({ focus }: { focus: Signal<DetailSection | null> }) {
  const root = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (focus.value !== 'requester') return
    root.current?.scrollIntoView({ block: 'center' })
    focus.value = null
  }, [focus.value])
  return (
    <div ref={root}>
      <Section name="requester" titleKey="secRequester">
        <p class="muted requester-hint" data-testid="requester-unavailable">
          {t('requesterNotForStripe')}
        </p>
      </Section>
    </div>
  )
}

/**
 * A Stripe verification session: why it needs the person again or ended, its facts, its last report's
 * checks, the requester check's absence, and the other sessions with the same reference.
 */
export function StripeSessionDetail({ view, onOpen }: { view: StripeSessionView; onOpen: Open }) {
  return (
    <ResourceState resource={view.main}>
      {(session) => (
        <>
          <div class="detail-tools">
            <EarlierAttempts
              history={view.history}
              id={view.id}
              createdAt={isoOfSeconds(session.created)}
              focus={view.focus}
              onOpen={onOpen}
            />
            <CopySummary facts={factsOfStripeSession(session, view.report.data.value?.report ?? null)} />
          </div>
          <StripeWhy session={session} />
          <FlaggedNotice
            facts={factsOfStripeSession(session, view.report.data.value?.report ?? null)}
            contact={view.me.data.value?.flagged?.contact ?? null}
          />
          <Section name="summary" titleKey="secSession">
            <Fields
              rows={[
                ['fieldStatus', <StatusBadge vendor="stripe" status={session.status} />],
                ...common(session),
                [
                  'fieldReport',
                  session.last_verification_report ? (
                    <ObjectLink kind="stripe-verification-report" id={session.last_verification_report} onOpen={onOpen} />
                  ) : null,
                ],
                [
                  'fieldRedaction',
                  session.redaction?.status ? (
                    <VendorTerm text={vendorWord(session.redaction.status)} raw={session.redaction.status} />
                  ) : null,
                ],
              ]}
            />
          </Section>
          <Section name="checks" titleKey="secStripeChecks">
            <ResourceState resource={view.report} rows={2}>
              {({ report }) => (report ? <StripeChecks report={report} /> : <p class="muted">{t('stripeNoReport')}</p>)}
            </ResourceState>
          </Section>
          <RequesterUnavailable focus={view.focus} />
          <HistorySection history={view.history} id={view.id} focus={view.focus} onOpen={onOpen} />
        </>
      )}
    </ResourceState>
  )
}

/** A report opened by its `vr_` ID: its checks, and its session one click away. */
export function StripeReportDetail({ view, onOpen }: { view: StripeReportView; onOpen: Open }) {
  return (
    <ResourceState resource={view.main}>
      {(report) => (
        <>
          <div class="detail-tools">
            <CopySummary facts={factsOfStripeReport(report)} />
          </div>
          <Section name="summary" titleKey="secStripeReport">
            <Fields
              rows={[
                ['fieldStatus', <StatusBadge vendor="stripe" status={factsOfStripeReport(report).status} />],
                [
                  'fieldSession',
                  report.verification_session ? (
                    <ObjectLink kind="stripe-verification-session" id={report.verification_session} onOpen={onOpen} />
                  ) : null,
                ],
                ...common(report),
              ]}
            />
          </Section>
          <Section name="checks" titleKey="secChecks">
            <StripeChecks report={report} />
          </Section>
        </>
      )}
    </ResourceState>
  )
}
