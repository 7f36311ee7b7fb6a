/** An agent waiting for an answer waits this long for budget; background work never waits. */
export const INTERACTIVE_WAIT_MS = 2000
/** A forced refresh (or any miss) of one key reaches the vendor at most once per this span. */
export const REFRESH_FLOOR_MS = 5000
