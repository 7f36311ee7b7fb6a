/*
@webext-core/messaging's defineExtensionMessaging as the in-page scripts use it: the same messages on
the wire ({ id, type, data, timestamp }, answered { res } or { err }), without the library's logging,
config and error (de)serialiser, which were a sixth of the script every frame loads. The in-page
builds get this module for the package (wxt.config.ts); in-page-messaging.test.ts runs it against the
library on the other side, both ways.
*/
import { browser } from '#imports'

type Wire = { id: number; type: string; data: unknown; timestamp: number }
type Answer = { res?: unknown; err?: { name?: string; message?: string } }
type Listener = (message: Wire & { sender: unknown }) => unknown

/** An error as the library sends it (its serializeError, the fields the other side reads). */
const serialized = (err: unknown) => (err instanceof Error ? { name: err.name, message: err.message, stack: err.stack ?? '' } : err)

type Runtime = Pick<typeof browser.runtime, 'sendMessage' | 'onMessage'>

/** `runtime`: the browser's (tests pass one of theirs). */
export function defineExtensionMessaging({ runtime = browser.runtime }: { runtime?: Runtime } = {}) {
  const listeners: Record<string, Listener> = {}
  let seq = Math.floor(Math.random() * 1e4)
  let removeRoot: (() => void) | null = null
  const root = (message: unknown, sender: unknown, respond: (answer: Answer) => void): boolean => {
    const wire = message as Partial<Wire> | null
    const listener = typeof wire?.type === 'string' && typeof wire.timestamp === 'number' ? listeners[wire.type] : undefined
    if (!listener) return false
    void (async () => listener({ ...(wire as Wire), sender }))().then(
      (res) => respond({ res }),
      (err: unknown) => respond({ err: serialized(err) as Answer['err'] }),
    )
    return true
  }
  return {
    async sendMessage(type: string, data?: unknown): Promise<unknown> {
      const answer = (await runtime.sendMessage({ id: seq++, type, data, timestamp: Date.now() })) as Answer | undefined
      if (!answer) throw new Error('No response')
      if (answer.err != null) throw Object.assign(new Error(answer.err.message), { name: answer.err.name ?? 'Error' })
      return answer.res
    },
    onMessage(type: string, listener: Listener): () => void {
      if (listeners[type]) throw new Error(`[messaging] In this JS context, only one listener can be setup for ${type}`)
      listeners[type] = listener
      if (!removeRoot) {
        const events = runtime.onMessage
        events.addListener(root)
        removeRoot = () => events.removeListener(root)
      }
      return () => {
        delete listeners[type]
        if (Object.keys(listeners).length > 0) return
        removeRoot?.()
        removeRoot = null
      }
    },
  }
}
