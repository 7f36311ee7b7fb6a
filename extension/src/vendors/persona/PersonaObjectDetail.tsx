import { classifyId } from '@idv-lens/shared/ids'
import type { EventModel, SessionModel } from './persona-detail.ts'
import { Fields, LocalTime, ResourceState, Section, StatusBadge } from '../../kit/views.ts'
import { kindLabel, t } from '../../kit/words.ts'
import { eventObject } from './EventRow.tsx'
import { SessionFields } from './SessionFields.tsx'

type Open = (id: string) => void

/** A link to another object's detail when IDV Lens can show it, else the bare ID. */
function IdLink({ id, label, onOpen, testId }: { id: string; label: string; onOpen: Open; testId: string }) {
  if (!classifyId(id)) return <code data-testid={testId}>{id}</code>
  return (
    <button type="button" class="link" onClick={() => onOpen(id)} aria-label={t('openItem', label, id)} data-testid={testId}>
      <code>{id}</code>
    </button>
  )
}

export function SessionDetail({ view, onOpen }: { view: SessionModel; onOpen: Open }) {
  return (
    <ResourceState resource={view.main}>
      {({ data: session }) => {
        const rel = session.relationships?.inquiry?.data
        const inquiryId = rel && 'id' in rel && typeof rel.id === 'string' ? rel.id : null
        return (
          <>
            <Section name="summary" titleKey="secInquirySession">
              <SessionFields session={session} />
            </Section>
            <Section name="inquiry" titleKey="secInquiry">
              {inquiryId ? (
                <IdLink id={inquiryId} label={kindLabel('persona-inquiry')} onOpen={onOpen} testId="inquiry-link" />
              ) : (
                <p class="muted">{t('notLinked')}</p>
              )}
            </Section>
          </>
        )
      }}
    </ResourceState>
  )
}

export function EventDetail({ view, onOpen }: { view: EventModel; onOpen: Open }) {
  return (
    <ResourceState resource={view.main}>
      {({ data: event }) => {
        const object = eventObject(event)
        return (
          <>
            <Section name="summary" titleKey="secEvent">
              <Fields
                rows={[
                  ['fieldName', <strong>{event.attributes.name}</strong>],
                  ['fieldTime', <LocalTime iso={event.attributes['created-at']} />],
                ]}
              />
            </Section>
            <Section name="object" titleKey="secConcerns">
              {object.id ? (
                <Fields
                  rows={[
                    ['fieldType', object.type],
                    ['fieldId', <IdLink id={object.id} label={object.type ?? t('objectFallback')} onOpen={onOpen} testId="object-link" />],
                    ['fieldStatusAtTime', <StatusBadge vendor="persona" status={object.status} />],
                  ]}
                />
              ) : (
                <p class="muted">{t('noObject')}</p>
              )}
            </Section>
          </>
        )
      }}
    </ResourceState>
  )
}
