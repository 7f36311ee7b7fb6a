/**
 * Live events: what the relay's hub keeps of a vendor webhook and pushes to agents, one per
 * WebSocket text frame. A summary without personal data: never a name, email, address, birthdate,
 * IP, document, reference ID or payload body.
 */
import type { VendorName } from './vendor-name.ts'

export type LiveEvent = {
  /** The hub's sequence number: resume a socket with `since=<seq of the last event received>`. */
  seq: number
  vendor: VendorName
  /** Persona: the event id (`evt_…`); deepidv: `dpv_` + a hash (deepidv events have no id). */
  id: string
  /** The vendor's event name, e.g. `inquiry.approved`, `session.status.verified`. */
  name: string
  objectType: string
  /** What the event is about: an `inq_`/`iqse_`/`ver_` ID, or a deepidv session UUID. */
  objectId: string
  status: string | null
  /** ISO 8601: when the vendor says it happened. */
  createdAt: string
}
