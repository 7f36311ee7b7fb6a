import type { PersonaEvent } from '@idv-lens/shared/api'
import { classifyId } from '@idv-lens/shared/ids'
import { RelTime, Row } from '../../kit/views.ts'
import { t } from '../../kit/words.ts'

/** The object an event concerns (`payload.data`), and its status when the payload carries one. */
export function eventObject(event: PersonaEvent): { type: string | null; id: string | null; status: string | null } {
  const data = event.attributes.payload?.data
  const status = data?.attributes?.status
  return { type: data?.type ?? null, id: data?.id ?? null, status: typeof status === 'string' ? status : null }
}

/** A Persona event: its ID, name, the object it concerns (a link when we can show it), time. */
export function EventRow({ item, onOpen }: { item: PersonaEvent; onOpen: (id: string) => void }) {
  const object = eventObject(item)
  return (
    <Row id={item.id} kind="persona-event" status={object.status} onOpen={onOpen} idFirst>
      <strong data-testid="event-name">{item.attributes.name}</strong>
      {/* The time beside the name, the object on a line of its own: three lines, not four, at 400 px. */}
      <RelTime iso={item.attributes['created-at']} />
      {object.id && (
        <span class="event-object" data-testid="event-object">
          <span class="event-object-type" title={object.type ?? undefined}>
            {object.type ?? t('objectFallback')}
          </span>{' '}
          {classifyId(object.id) ? (
            <button type="button" class="link id-link" onClick={() => onOpen(object.id as string)} aria-label={t('openItem', object.type ?? t('objectFallback'), object.id)}>
              {object.id}
            </button>
          ) : (
            <code class="id-link">{object.id}</code>
          )}
        </span>
      )}
    </Row>
  )
}
