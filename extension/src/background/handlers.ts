import type { ConnectionReport, RelayFailure } from '../lib/messages.ts'
import { onMessage } from '../lib/messages.ts'
import type { Relay, RelayHandlers } from './relay-client.ts'
import { openDetailView } from './open-detail.ts'
import { testConnection } from './test-connection.ts'

const RELAY_MESSAGES = [
  'listInquirySessions',
  'listInquiries',
  'listEvents',
  'listDeepidvSessions',
  'getInquiry',
  'getInquirySession',
  'getEvent',
  'getDeepidvSession',
  'lookupIds',
  'readAudit',
] as const satisfies readonly (keyof RelayHandlers)[]

const internal = (err: unknown): { ok: false; error: RelayFailure } => ({
  ok: false,
  error: { kind: 'internal', message: `The extension failed: ${err instanceof Error ? err.message : String(err)}` },
})

/**
 * Answers the relay messages, testConnection and openDetail. Relay handlers never reject: a caller
 * always gets a RelayResult, so no UI has to guard against a rejected promise.
 * `reportPageIds` and the popup's inline-lookup messages belong to inline-lookups.ts; the messaging
 * library allows one listener per message type, so they must not be registered here too.
 */
export function registerHandlers(relay: Relay): () => void {
  const removers = RELAY_MESSAGES.map((name) => {
    const handler = relay.handlers[name] as (req: unknown) => Promise<unknown>
    return onMessage(name, ({ data }) => handler(data).catch(internal) as never)
  })
  removers.push(
    onMessage('testConnection', ({ data }) =>
      testConnection(relay, data).catch(
        (err): ConnectionReport => ({ relay: 'error', auth: 'skipped', message: internal(err).error.message }),
      ),
    ),
    onMessage('openDetail', ({ data, sender }) => openDetailView(data.id, data.tabId ?? sender.tab?.id)),
  )
  return () => removers.forEach((remove) => remove())
}
