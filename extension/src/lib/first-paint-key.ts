// A module of its own, with no imports: the tests and benchmarks outside the extension read this key too.

/**
 * The popup's first screen, kept in the extension origin's localStorage, which a classic script reads in
 * the same task and which survives a browser restart (storage.session does neither). It is on disk, so
 * it holds only the ten newest inquiries' IDs, status and creation time (no reference IDs, no names, no
 * step, nothing about the person: those fill in from the relay) and their relay, with the rows' words formatted
 * (`FirstPaintText`) and the popup's tab names. Content scripts cannot read it (they run in the page's origin). It is forgotten when
 * the relay address, token or sign-in changes, or the relay refuses the agent (stores/first-paint-keeper.ts).
 */
export const FIRST_PAINT_STORAGE_KEY = 'idv-lens.popup.first-paint'
