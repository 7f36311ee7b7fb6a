import type { PersonaEvent, PersonaInquiry } from '@idv-lens/shared/api'
import { customerHasStep, wantsWhy, type InquiryModel } from './persona-detail.ts'
import { CaseSection } from './CaseSection.tsx'
import {
  Badge,
  CopySummary,
  EarlierAttempts,
  Fields,
  HistorySection,
  LocalTime,
  RequesterCheck,
  ResourceState,
  Section,
  StatusBadge,
  stepDurations,
  ThreatBadge,
  VendorTerm,
} from '../../kit/views.ts'
import { duration, kindLabel, parseTime, stepWord, t } from '../../kit/words.ts'
import { InquiryActions } from './PersonaActions.tsx'
import { factsOfInquiry } from './why-checks.ts'
import { PersonaWhy } from './PersonaWhy.tsx'
import { eventObject } from './EventRow.tsx'
import { SessionFields } from './SessionFields.tsx'

type Props = { view: InquiryModel; onOpen: (id: string) => void }

/** Status and timestamps. Names, birthdate, address, ID numbers stay out: the agent decides on status and signals. */
function Summary({ inquiry }: { inquiry: PersonaInquiry }) {
  const a = inquiry.attributes
  const behaviors = a.behaviors as { 'behavior-threat-level'?: string } | undefined
  const time = (iso: string | null | undefined) => (iso ? <LocalTime iso={iso} /> : null)
  return (
    <Fields
      rows={[
        ['fieldStatus', <StatusBadge vendor="persona" status={a.status} />],
        ['fieldReferenceId', a['reference-id'] ? <code>{a['reference-id']}</code> : null],
        ['fieldBehavior', behaviors?.['behavior-threat-level'] ? <ThreatBadge level={behaviors['behavior-threat-level']} inField /> : null],
        ['fieldCreated', time(a['created-at'])],
        ['fieldStarted', time(a['started-at'])],
        ['fieldCompleted', time(a['completed-at'])],
        ['fieldFailed', time(a['failed-at'])],
        ['fieldDecided', time(a['decisioned-at'])],
        ['fieldExpired', time(a['expired-at'])],
        ['fieldExpires', a['expired-at'] ? null : time(a['expires-at'])],
        ['fieldRedacted', time(a['redacted-at'])],
        [
          'fieldLastStep',
          a['previous-step-name'] ? <VendorTerm text={stepWord(a['previous-step-name'])} raw={a['previous-step-name']} /> : null,
        ],
        // The step the record names stays after an agent decides (a failed inquiry approved): it counts only while the customer has one.
        [
          'fieldNextStep',
          a['next-step-name'] && customerHasStep(a.status) ? (
            <VendorTerm text={stepWord(a['next-step-name'])} raw={a['next-step-name']} />
          ) : null,
        ],
        ['fieldTags', a.tags?.length ? a.tags.map((t) => <Badge key={t} text={t} tone="neutral" />) : null],
      ]}
    />
  )
}

/**
 * The inquiry's events, newest first as Persona lists them: when each happened (local time) and how
 * long the step it ends took, so the order and the pace of a verification can be read off.
 */
function Timeline({ events, onOpen }: { events: PersonaEvent[]; onOpen: (id: string) => void }) {
  if (events.length === 0) return <p class="muted">{t('noEvents')}</p>
  const took = stepDurations(events.map((e) => ({ id: e.id, at: parseTime(e.attributes['created-at']) })))
  return (
    <ol class="timeline">
      {events.map((e) => {
        const step = took.get(e.id)
        return (
          <li key={e.id} data-testid="timeline-event" data-id={e.id}>
            <button type="button" class="link" onClick={() => onOpen(e.id)} aria-label={t('openEvent', e.attributes.name, e.id)}>
              {e.attributes.name}
            </button>{' '}
            <StatusBadge vendor="persona" status={eventObject(e).status} />
            <span class="timeline-when">
              <LocalTime iso={e.attributes['created-at']} />
              {step !== undefined && (
                <span class="muted" title={t('stepTookTitle')} data-testid="step-took" data-ms={step}>
                  {' · '}
                  {t('stepTook', duration(step))}
                </span>
              )}
            </span>
          </li>
        )
      })}
    </ol>
  )
}

export function InquiryDetail({ view, onOpen }: Props) {
  const inquiry = view.main.data.value?.data
  const why = wantsWhy(inquiry?.attributes.status)
  // Only what the relay offers this agent now; nothing while it has not said (or could not be asked).
  // A new link only while the customer has a step to take (none once approved).
  const allowed = (view.me.data.value?.actions ?? []).filter((a) => a !== 'one-time-link' || customerHasStep(inquiry?.attributes.status))
  const facts = inquiry ? factsOfInquiry(inquiry, view.verifications.data.value, view.cases.data.value?.data ?? null) : null
  return (
    <>
      {inquiry && (
        <div class="detail-tools">
          <EarlierAttempts
            history={view.history}
            id={view.id}
            createdAt={inquiry.attributes['created-at'] ?? null}
            focus={view.focus}
            onOpen={onOpen}
          />
          <CopySummary facts={facts} />
        </div>
      )}
      {why && <PersonaWhy verifications={view.verifications} />}
      {inquiry && (
        <InquiryActions
          id={view.id}
          status={inquiry.attributes.status ?? ''}
          facts={facts}
          tags={inquiry.attributes.tags ?? []}
          allowed={allowed}
          link={view.link}
          actions={view.actions}
          requester={view.requester}
          focus={view.focus}
          flagged={view.me.data.value?.flagged ?? null}
        />
      )}
      {inquiry && <CaseSection cases={view.cases} sayNone={why} actions={{ allowed, run: view.actions, focus: view.focus }} />}
      <Section name="summary" titleKey="secInquiry">
        <ResourceState resource={view.main}>{(d) => <Summary inquiry={d.data} />}</ResourceState>
      </Section>
      <RequesterCheck check={view.requester} focus={view.focus} />
      <SessionsSection view={view} onOpen={onOpen} />
      <Section name="events" titleKey="secEvents">
        <ResourceState resource={view.events}>{(d) => <Timeline events={d.data} onOpen={onOpen} />}</ResourceState>
      </Section>
      <HistorySection history={view.history} id={view.id} focus={view.focus} onOpen={onOpen} />
    </>
  )
}

/** The inquiry's sessions, each with its fields and a link to its own detail. */
function SessionsSection({ view, onOpen }: Props) {
  return (
    <Section name="sessions" titleKey="secSessions">
      <ResourceState resource={view.sessions}>
        {(d) =>
          d.data.length === 0 ? (
            <p class="muted">{t('noSessions')}</p>
          ) : (
            d.data.map((s) => (
              <article key={s.id} class="session-card" data-testid="session" data-id={s.id}>
                <button
                  type="button"
                  class="link"
                  onClick={() => onOpen(s.id)}
                  aria-label={t('openItem', kindLabel('persona-inquiry-session'), s.id)}
                >
                  <code>{s.id}</code>
                </button>
                <SessionFields session={s} />
              </article>
            ))
          )
        }
      </ResourceState>
    </Section>
  )
}
