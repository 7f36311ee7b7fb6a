/**
 * The kit (kit/*.ts) is what a vendor's folder may use of the relay's core, and the only way it
 * reaches the core (folder-imports check in `npm run check:structure`). This part: what a vendor's
 * lookup, history and requester check are handed and return (lookup/resolve.ts calls them).
 */
export type { LookupCall, LookupId, LookupTools, Resolved } from '../vendor-shape/lookup-types.ts'
export { summaryFields, type Found } from '../lookup/found.ts'
export { mapLimit } from '../lookup/map-limit.ts'
