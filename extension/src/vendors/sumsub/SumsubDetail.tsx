import { Fields, LocalTime, PersonDetail, ResourceState, Section, StatusBadge, VendorTerm } from '../../kit/views.ts'
import { lookupMessage, reasonWords, t } from '../../kit/words.ts'
import { applicantStatus, factsOfApplicant, rejectTypeOf, takesNewLink } from './sumsub-facts.ts'
import { SUMSUB_LINK_CONFIRM } from './sumsub-actions.ts'
import type { SumsubView } from './sumsub-detail.ts'

type Open = (id: string) => void

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
          <PersonDetail
            view={view}
            facts={facts}
            action="sumsub-link"
            confirm={SUMSUB_LINK_CONFIRM}
            takesLink={takesNewLink(applicant)}
            onOpen={onOpen}
          >
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
          </PersonDetail>
        )
      }}
    </ResourceState>
  )
}
