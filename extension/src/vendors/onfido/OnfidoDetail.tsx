import {
  ActionsSection,
  CopySummary,
  EarlierAttempts,
  Fields,
  HistorySection,
  LinkAction,
  LocalTime,
  RequesterCheck,
  ResourceState,
  Section,
  StatusBadge,
  VendorTerm,
  WhyReason,
} from '../../kit/views.ts'
import { t, vendorWord } from '../../kit/words.ts'
import type { OnfidoRunView } from './onfido-detail.ts'
import { ONFIDO_LINK_CONFIRM, runTakesNewLink } from './onfido-actions.ts'
import { factsOfOnfidoRun } from './onfido-facts.ts'
import type { OnfidoRun } from './onfido-records.ts'
import { OnfidoReports } from './OnfidoReports.tsx'

type Open = (id: string) => void

/** A new link, where the relay offers it and the run leaves the customer something to do (a requester match first where required). */
function OnfidoActions({ view, run, facts }: { view: OnfidoRunView; run: OnfidoRun; facts: ReturnType<typeof factsOfOnfidoRun> }) {
  const allowed = runTakesNewLink(run.status) ? (view.me.data.value?.actions ?? []).filter((a) => a === 'onfido-link') : []
  const open = () => view.link.state.value.step === 'closed' && view.link.open()
  const link = (
    <LinkAction
      id={view.id}
      facts={facts}
      link={view.link}
      confirm={ONFIDO_LINK_CONFIRM}
      requester={view.requester}
      focus={view.focus}
      contact={view.me.data.value?.flagged?.contact ?? null}
    />
  )
  return (
    <ActionsSection
      allowed={allowed}
      parts={[{ action: 'onfido-link', section: 'link', open, focusOn: '[data-step-focus]', view: link }]}
      focus={view.focus}
    />
  )
}

const code = (value: string | null | undefined) => (value ? <code>{value}</code> : null)

/** A workflow run: why it ended, its facts, its reports, and the applicant's other runs. */
export function OnfidoRunDetail({ view, onOpen }: { view: OnfidoRunView; onOpen: Open }) {
  return (
    <ResourceState resource={view.main}>
      {(run) => {
        const reports = view.reports.data.value?.reports ?? []
        const facts = factsOfOnfidoRun(run, reports)
        return (
          <>
            <div class="detail-tools">
              <EarlierAttempts history={view.history} id={view.id} createdAt={run.created_at ?? null} focus={view.focus} onOpen={onOpen} />
              <CopySummary facts={facts} />
            </div>
            <WhyReason reason={facts.reason} />
            <OnfidoActions view={view} run={run} facts={facts} />
            <Section name="summary" titleKey="secRun">
              <Fields
                rows={[
                  ['fieldStatus', <StatusBadge vendor="onfido" status={run.status} />],
                  // The names the team's workflow gives its reasons, as it wrote them (the Why above says them in words).
                  ['fieldReasons', run.reasons?.length ? <code>{run.reasons.join(', ')}</code> : null],
                  ['fieldRunError', run.error?.type ? <VendorTerm text={vendorWord(run.error.type)} raw={run.error.type} /> : null],
                  ['fieldApplicant', code(run.applicant_id)],
                  ['fieldWorkflow', code(run.workflow_id)],
                  ['onfido_field_tags', run.tags?.length ? run.tags.join(', ') : null],
                  ['fieldLinkExpires', run.link?.expires_at ? <LocalTime iso={run.link.expires_at} /> : null],
                  ['fieldCreated', <LocalTime iso={run.created_at ?? null} />],
                  ['fieldUpdated', run.updated_at ? <LocalTime iso={run.updated_at} /> : null],
                ]}
              />
            </Section>
            <Section name="reports" titleKey="secOnfidoReports">
              <ResourceState resource={view.reports} rows={2}>
                {({ reports: found }) => (found.length > 0 ? <OnfidoReports reports={found} /> : <p class="muted">{t('onfidoNoCheck')}</p>)}
              </ResourceState>
            </Section>
            <RequesterCheck check={view.requester} focus={view.focus} />
            <HistorySection history={view.history} id={view.id} focus={view.focus} onOpen={onOpen} />
          </>
        )
      }}
    </ResourceState>
  )
}
