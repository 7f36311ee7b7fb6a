/*
What our scripts in one frame's content-script world hand each other, on that world's global (the
page has its own and cannot see these). Registered symbols: the same key in every bundle.
*/

/** Set by the live copy of inline lookups in this frame (script-guard.ts). */
export const LIVE_COPY = Symbol.for('idv-lens.live-copy')
/** Set by the lazily injected UI bundle: the function that renders the card and the list (inline-ui.tsx). */
export const MOUNT_UI = Symbol.for('idv-lens.mount-ui')
/** Set by the controls bundle a frame gets once it has an ID: pointer, focus, card timing, launcher (inline-controls.ts). */
export const MOUNT_CONTROLS = Symbol.for('idv-lens.mount-controls')

/** The world's global, read and written by these keys. */
export const world = globalThis as unknown as Record<symbol, unknown>
