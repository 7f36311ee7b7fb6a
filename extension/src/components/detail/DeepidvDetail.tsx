import type { DeepidvSessionRecord } from '@idv-lens/shared/api'
import { humanize } from '../../lib/format.ts'
import type { DetailView } from '../../stores/detail-store.ts'
import { LocalTime } from '../LocalTime.tsx'
import { deepidvCountry } from '../rows/DeepidvRow.tsx'
import { Badge, StatusBadge, VendorTerm } from '../StatusBadge.tsx'
import { Fields, Section } from './Fields.tsx'
import { ResourceState } from './ResourceState.tsx'
import { analysisSummary, type Check } from './deepidv-analysis.ts'
import { CopySummary } from './CopySummary.tsx'
import { EarlierAttempts, HistorySection } from './HistorySection.tsx'
import { RequesterCheck } from './RequesterCheck.tsx'
import { factsOfDeepidv } from './summary-facts.ts'
import { DeepidvWhy } from './WhySection.tsx'
import { t } from '../../lib/i18n.ts'
import { stepWord, vendorWord } from '../../lib/vendor-words.ts'

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
export function DeepidvDetail({ view, onOpen }: { view: Extract<DetailView, { kind: 'deepidv-session' }>; onOpen: (id: string) => void }) {
  return (
    <ResourceState resource={view.main}>
      {(session) => {
        const r = session.session_record
        const meta = r.meta_data ?? {}
        const uploads = Object.entries(r.uploads ?? {}).filter(([, done]) => done).map(([name]) => humanize(name))
        return (
          <>
            <div class="detail-tools">
              <EarlierAttempts history={view.history} id={view.id} createdAt={r.created_at ?? null} focus={view.focus} />
              <CopySummary facts={factsOfDeepidv(session)} />
            </div>
            <DeepidvWhy record={r} />
            <Section name="summary" titleKey="secSession">
              <Fields
                rows={[
                  ['fieldStatus', <StatusBadge status={r.status} />],
                  // Progress is how far the applicant got, not a verdict: never green beside a red "rejected".
                  ['fieldProgress', r.session_progress ? <VendorTerm text={vendorWord(r.session_progress)} raw={r.session_progress} /> : null],
                  ['fieldType', r.type ? humanize(r.type) : null],
                  ['fieldExternalId', r.external_id ? <code>{r.external_id}</code> : null],
                  ['fieldCountry', deepidvCountry(r.location)],
                  ['fieldDevice', [text(meta.applicantSubmissionDevice ?? meta.applicant_submission_device), text(meta.applicantSubmissionBrowser ?? meta.applicant_submission_browser)].filter(Boolean).join(', ') || null],
                  ['fieldCreated', <LocalTime iso={r.created_at} />],
                  ['fieldSubmitted', r.submitted_at ? <LocalTime iso={r.submitted_at} /> : null],
                  ['fieldUpdated', r.updated_at ? <LocalTime iso={r.updated_at} /> : null],
                  ['fieldUploaded', uploads.length ? uploads.join(', ') : null],
                ]}
              />
            </Section>
            <Section name="steps" titleKey="secSteps">
              {r.workflow_steps?.length ? (
                <ol class="steps">
                  {r.workflow_steps.map((step) => (
                    <li key={step}>
                      <VendorTerm text={stepWord(step)} raw={step} />
                    </li>
                  ))}
                </ol>
              ) : (
                <p class="muted">{t('noSteps')}</p>
              )}
            </Section>
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
