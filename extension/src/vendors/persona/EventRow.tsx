import type { PersonaEvent } from '@idv-lens/shared/api'
import { classifyId } from '@idv-lens/shared/ids'
import { RelTime, Row } from '../../kit/views.ts'
import { t } from '../../kit/words.ts'
import { PERSONA_EVENTS } from './persona-events.ts'

/** The object an event concerns (`payload.data`), and its status when the payload carries one. */
export function eventObject(event: PersonaEvent): { type: string | null; id: string | null; status: string | null } {
  const data = event.attributes.payload?.data
  const status = data?.attributes?.status
  return { type: data?.type ?? null, id: data?.id ?? null, status: typeof status === 'string' ? status : null }
}

/**
 * A Persona event: what happened in words ("Inquiry approved"; its name as Persona sends it, which the
 * list's filter takes, on hover), the time, the object it concerns on a line of its own (a link when we
 * can show it), then its ID. Three lines at 400 px.
 */
export function EventRow({ item, onOpen }: { item: PersonaEvent; onOpen: (id: string) => void }) {
  const object = eventObject(item)
  const name = item.attributes.name
  const words = Object.hasOwn(PERSONA_EVENTS, name) ? t(PERSONA_EVENTS[name]!) : null
  return (
    <Row id={item.id} kind="persona-event" status={object.status} onOpen={onOpen}>
      <strong data-testid="event-name" data-name={name} title={words ? name : undefined}>
        {words ?? name}
      </strong>
      <RelTime iso={item.attributes['created-at']} />
      {object.id && (
        <span class="event-object" data-testid="event-object">
          <span class="event-object-type" title={object.type ?? undefined}>
            {object.type ?? t('objectFallback')}
          </span>{' '}
          {classifyId(object.id) ? (
            <button
              type="button"
              class="link id-link"
              onClick={() => onOpen(object.id as string)}
              aria-label={t('openItem', object.type ?? t('objectFallback'), object.id)}
            >
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
