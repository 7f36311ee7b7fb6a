import type { InlinePart } from '../lib/content-messages.ts'
import type { Send } from '../lib/messages.ts'
import { world } from './world-keys.ts'

/**
 * A lazy part of inline lookups (INLINE_PARTS), put into this frame by the background and mounted
 * once: callers at the same time share one load, a mounted part is kept, and a load that failed (the
 * background refused, the file left nothing under `key`) is tried again at the next call. Nothing is
 * asked or mounted once `isValid` says the extension went away.
 */
export function lazyPart<Mount, Mounted>(options: {
  send: Send
  part: InlinePart
  key: symbol
  isValid: () => boolean
  mount: (mount: Mount) => Mounted
}) {
  let current: Mounted | null = null
  let loading: Promise<Mounted | null> | null = null
  function load(): Promise<Mounted | null> {
    if (current !== null || !options.isValid()) return Promise.resolve(current)
    return (loading ??= options
      .send('loadInlineUi', { part: options.part })
      .then(() => {
        const mount = world[options.key] as Mount | undefined
        if (!options.isValid() || !mount) return null
        return (current ??= options.mount(mount))
      })
      .catch((err: unknown) => {
        console.debug(`[IDV Lens] inline lookups' ${options.part} could not be loaded`, err)
        return null
      })
      .finally(() => (loading = null)))
  }
  return {
    load,
    /** The mounted part, if it is there yet. */
    get current(): Mounted | null {
      return current
    },
  }
}
