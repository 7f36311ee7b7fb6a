import type { SumsubApplicant } from '@idv-lens/shared/api'
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
import { lookupMessage, reasonWords, t } from '../../kit/words.ts'
import { applicantStatus, factsOfApplicant, rejectTypeOf, takesNewLink } from './sumsub-facts.ts'
import { SUMSUB_LINK_CONFIRM } from './sumsub-actions.ts'
import type { SumsubView } from './sumsub-detail.ts'

type Open = (id: string) => void

/** A new link, where the relay offers it and the applicant may still (re)submit (a requester match first where required). */
function SumsubActions({ view, applicant }: { view: SumsubView; applicant: SumsubApplicant }) {
  const allowed = takesNewLink(applicant) ? (view.me.data.value?.actions ?? []).filter((a) => a === 'sumsub-link') : []
  const open = () => view.link.state.value.step === 'closed' && view.link.open()
  const facts = factsOfApplicant(applicant)
  const link = (
    <LinkAction
      id={view.id}
      facts={facts}
      link={view.link}
      confirm={SUMSUB_LINK_CONFIRM}
      requester={view.requester}
      focus={view.focus}
      contact={view.me.data.value?.flagged?.contact ?? null}
    />
  )
  return (
    <ActionsSection
      allowed={allowed}
      parts={[{ action: 'sumsub-link', section: 'link', open, focusOn: '[data-step-focus]', view: link }]}
      focus={view.focus}
    />
  )
}

/** `RETRY` or `FINAL` in words, the code on hover. */
function RejectType({ type }: { type: string | null }) {
  if (!type) return null
  return <VendorTerm text={lookupMessage(`sumsub_reject_${type.toLowerCase()}`) ?? type} raw={type} />
}

/** An applicant: why Sumsub rejected it, its review, Sumsub's note for the person, and the person's other attempts. */
export function SumsubDetail({ view, onOpen }: { view: SumsubView; onOpen: Open }) {
  return (
    <ResourceState resource={view.main}>
      {(applicant) => {
        const facts = factsOfApplicant(applicant)
        const result = applicant.review?.reviewResult
        return (
          <>
            <div class="detail-tools">
              <EarlierAttempts history={view.history} id={view.id} createdAt={facts.createdAt} focus={view.focus} onOpen={onOpen} />
              <CopySummary facts={facts} />
            </div>
            <WhyReason reason={facts.reason} />
            <SumsubActions view={view} applicant={applicant} />
            <Section name="summary" titleKey="secSumsub">
              <Fields
                rows={[
                  ['fieldStatus', <StatusBadge vendor="sumsub" status={applicantStatus(applicant)} />],
                  ['sumsub_field_reject_type', <RejectType type={rejectTypeOf(applicant)} />],
                  [
                    'sumsub_field_labels',
                    result?.rejectLabels?.length ? (
                      <VendorTerm text={reasonWords(result.rejectLabels) ?? ''} raw={result.rejectLabels.join(', ')} />
                    ) : null,
                  ],
                  [
                    'sumsub_field_comment',
                    result?.moderationComment ? <q data-testid="sumsub-moderation-comment">{result.moderationComment}</q> : null,
                  ],
                  ['fieldReference', applicant.externalUserId ? <code>{applicant.externalUserId}</code> : null],
                  ['sumsub_field_level', applicant.levelName ? <code>{applicant.levelName}</code> : null],
                  ['fieldCreated', <LocalTime iso={facts.createdAt} />],
                ]}
              />
              {result?.moderationComment && <p class="muted">{t('sumsubCommentNote')}</p>}
            </Section>
            <RequesterCheck check={view.requester} focus={view.focus} />
            <HistorySection history={view.history} id={view.id} focus={view.focus} onOpen={onOpen} />
          </>
        )
      }}
    </ResourceState>
  )
}
