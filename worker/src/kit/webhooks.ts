/** The kit's webhook parts: the live summary a vendor's webhook makes, and a constant-time comparison for its signature. */
export { EVENT_NAME, isoOf, PayloadError, statusOf, type IncomingEvent } from '../live/incoming-event.ts'
export { timingSafeEqual } from '../live/timing-safe-equal.ts'
