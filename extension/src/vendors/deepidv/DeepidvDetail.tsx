import { signal, type Signal } from '@preact/signals'
import type { DeepidvSession, DeepidvSessionRecord, HistoryResponse } from '@idv-lens/shared/api'
import { humanize, stepWord, t, vendorWord } from '../../kit/words.ts'
import { sessionType } from './session-type.ts'
import type { AgentInfo, DetailSection, RelayResult } from '../../kit/relay.ts'
import {
  createRequesterCheck,
  createResource,
  historyFor,
  type RequesterCheck as RequesterCheckState,
  type Resource,
} from '../../kit/stores.ts'
import {
  Badge,
  CopySummary,
  FlaggedNotice,
  EarlierAttempts,
  Fields,
  HistorySection,
  LocalTime,
  RequesterCheck,
  ResourceState,
  Section,
  StatusBadge,
  VendorTerm,
} from '../../kit/views.ts'
import type { DetailContext, DetailModel } from '../vendor-view.ts'
import { deepidvCountry } from './DeepidvRow.tsx'
import { analysisSummary, factsOfDeepidv, type Check } from './deepidv-analysis.ts'
import { DeepidvWhy } from './DeepidvWhy.tsx'

function CheckBadge({ check }: { check: Check }) {
  if (check.passed === null) return <span class="muted">{check.note ?? t('notChecked')}</span>
  return (
    <>
      <Badge text={t(check.passed ? 'passed' : 'failed')} tone={check.passed ? 'good' : 'bad'} label={check.label} />
      {check.note && <span class="muted"> {check.note}</span>}
    </>
  )
}

function Analysis({ record }: { record: DeepidvSessionRecord }) {
  const checks = analysisSummary(record.analysis_data)
  if (checks.length === 0) return <p class="muted">{t('noAnalysis')}</p>
  return <Fields rows={checks.map((check) => [check.label, <CheckBadge check={check} />])} />
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : null)

/**
 * deepidv session: why it failed (from its analysis), status, progress, workflow steps, analysis,
 * the requester check and the customer history. No images, documents or applicant identity.
 */
export type DeepidvModel = DetailModel & {
  main: Resource<DeepidvSession>
  /** Every session with the same external ID. */
  history: Resource<HistoryResponse>
  requester: RequesterCheckState
  focus: Signal<DetailSection | null>
  /** GET /v1/me: whom to tell of a flagged session (deepidv has no escalation an agent can make). */
  me: Resource<AgentInfo>
}

export function createDeepidvModel({ kind, id, send, now }: DetailContext): DeepidvModel {
  const main = createResource((refresh) => send('getRecord', { kind, id, refresh }) as Promise<RelayResult<DeepidvSession>>, now)
  const history = historyFor(send, () => main.data.value?.session_record?.external_id ?? null, now)
  const me = createResource(() => send('agentInfo', undefined), now)
  return {
    kind,
    id,
    main,
    history,
    requester: createRequesterCheck(send, id),
    focus: signal(null),
    me,
    first: [me],
    after: [history],
    idsShown: () => [],
    seen: () => {
      const data = main.data.value
      return data ? { status: data.session_record.status } : null
    },
  }
}

export function DeepidvDetail({ view, onOpen }: { view: DeepidvModel; onOpen: (id: string) => void }) {
  return (
    <ResourceState resource={view.main}>
      {(session) => {
        const r = session.session_record
        return (
          <>
            <div class="detail-tools">
              <EarlierAttempts history={view.history} id={view.id} createdAt={r.created_at ?? null} focus={view.focus} onOpen={onOpen} />
              <CopySummary facts={factsOfDeepidv(session)} />
            </div>
            <DeepidvWhy record={r} />
            <FlaggedNotice facts={factsOfDeepidv(session)} contact={view.me.data.value?.flagged?.contact ?? null} />
            <SessionSummary record={r} />
            <WorkflowSteps record={r} />
            <Section name="analysis" titleKey="secAnalysis">
              <Analysis record={r} />
            </Section>
            <RequesterCheck check={view.requester} focus={view.focus} />
            <HistorySection history={view.history} id={view.id} focus={view.focus} onOpen={onOpen} />
          </>
        )
      }}
    </ResourceState>
  )
}

/** The device and browser the applicant submitted from, as deepidv names them (either spelling). */
function submissionDevice(meta: Record<string, unknown>): string | null {
  const device = text(meta.applicantSubmissionDevice ?? meta.applicant_submission_device)
  const browser = text(meta.applicantSubmissionBrowser ?? meta.applicant_submission_browser)
  return [device, browser].filter(Boolean).join(', ') || null
}

function SessionSummary({ record: r }: { record: DeepidvSessionRecord }) {
  const uploads = Object.entries(r.uploads ?? {})
    .filter(([, done]) => done)
    .map(([name]) => humanize(name))
  return (
    <Section name="summary" titleKey="secSession">
      <Fields
        rows={[
          ['fieldStatus', <StatusBadge vendor="deepidv" status={r.status} />],
          // Progress is how far the applicant got, not a verdict: never green beside a red "rejected".
          ['fieldProgress', r.session_progress ? <VendorTerm text={vendorWord(r.session_progress)} raw={r.session_progress} /> : null],
          ['fieldType', r.type ? <VendorTerm text={sessionType(r.type)} raw={r.type} /> : null],
          ['fieldExternalId', r.external_id ? <code>{r.external_id}</code> : null],
          ['fieldCountry', deepidvCountry(r.location)],
          ['fieldDevice', submissionDevice(r.meta_data ?? {})],
          ['fieldCreated', <LocalTime iso={r.created_at} />],
          ['fieldSubmitted', r.submitted_at ? <LocalTime iso={r.submitted_at} /> : null],
          ['fieldUpdated', r.updated_at ? <LocalTime iso={r.updated_at} /> : null],
          ['fieldUploaded', uploads.length ? uploads.join(', ') : null],
        ]}
      />
    </Section>
  )
}

function WorkflowSteps({ record }: { record: DeepidvSessionRecord }) {
  return (
    <Section name="steps" titleKey="secSteps">
      {record.workflow_steps?.length ? (
        <ol class="steps">
          {record.workflow_steps.map((step) => (
            <li key={step}>
              <VendorTerm text={stepWord(step)} raw={step} />
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">{t('noSteps')}</p>
      )}
    </Section>
  )
}
