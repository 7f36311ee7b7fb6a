import { Fields, LocalTime, PersonDetail, ResourceState, Section, StatusBadge, VendorTerm } from '../../kit/views.ts'
import { t, vendorWord } from '../../kit/words.ts'
import type { OnfidoRunView } from './onfido-detail.ts'
import { ONFIDO_LINK_CONFIRM, runTakesNewLink } from './onfido-actions.ts'
import { factsOfOnfidoRun } from './onfido-facts.ts'
import { OnfidoReports } from './OnfidoReports.tsx'

type Open = (id: string) => void

const code = (value: string | null | undefined) => (value ? <code>{value}</code> : null)

/** A workflow run: why it ended, its facts, its reports, and the applicant's other runs. */
export function OnfidoRunDetail({ view, onOpen }: { view: OnfidoRunView; onOpen: Open }) {
  return (
    <ResourceState resource={view.main}>
      {(run) => {
        const reports = view.reports.data.value?.reports ?? []
        const facts = factsOfOnfidoRun(run, reports)
        return (
          <PersonDetail
            view={view}
            facts={facts}
            action="onfido-link"
            confirm={ONFIDO_LINK_CONFIRM}
            takesLink={runTakesNewLink(run.status)}
            onOpen={onOpen}
          >
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
          </PersonDetail>
        )
      }}
    </ResourceState>
  )
}
