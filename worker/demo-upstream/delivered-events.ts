/**
 * Persona events the demo delivered by webhook. Persona's own webhook events are ordinary events:
 * `GET /api/v1/events/:id` retrieves them. The demo's deliveries replay a seeded event under a fresh id
 * and the current time, so they are remembered here, or an agent clicking a live event would get a 404.
 */
import { serializeEvent, type JsonApiResource, type SerializeOptions } from './persona-serialize.ts'
import type { PersonaEvent } from './persona-types.ts'
import { iso } from './timeline.ts'

export interface DeliveredEvent {
  /** The fresh `evt_` id the delivery carried. */
  id: string
  /** When it was delivered (its `created-at`). */
  createdAt: number
  /** The seeded event it replays: its name, its object and the object's state at that point. */
  seeded: PersonaEvent
}

/** As many as the relay's live window keeps: older ones could no longer be clicked anyway. */
export const DELIVERED_EVENTS_KEPT = 5000

export class DeliveredEvents {
  private readonly byId = new Map<string, DeliveredEvent>()

  add(event: DeliveredEvent): void {
    this.byId.set(event.id, event)
    if (this.byId.size > DELIVERED_EVENTS_KEPT) this.byId.delete(this.byId.keys().next().value as string)
  }

  get(id: string): DeliveredEvent | undefined {
    return this.byId.get(id)
  }
}

/** The event as both the webhook body and a later retrieve show it (the payload as of the seeded event). */
export function serializeDeliveredEvent(event: DeliveredEvent, options: SerializeOptions): JsonApiResource {
  const seeded = serializeEvent(event.seeded, options)
  return { ...seeded, id: event.id, attributes: { ...seeded.attributes, 'created-at': iso(event.createdAt) } }
}
