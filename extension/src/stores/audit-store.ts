import { signal } from '@preact/signals'
import type { AuditPage } from '@idv-lens/shared/api'
import type { Send } from '../lib/messages.ts'
import { createResource, type Resource } from './resource.ts'

/** How many audit rows one view shows (the relay allows up to 500). */
const AUDIT_ROWS = 50

/**
 * The detail view's "Audit" part, for admins: loaded only when asked (an agent's request would be
 * refused and recorded), first "who looked at this ID", then, on a name, that agent's recent lookups.
 */
export function createAuditStore(send: Send, now?: () => number) {
  const byId = signal<{ id: string; resource: Resource<AuditPage> } | null>(null)
  const byAgent = signal<{ agent: string; resource: Resource<AuditPage> } | null>(null)

  function whoLooked(id: string): void {
    const resource = createResource(() => send('readAudit', { id, limit: AUDIT_ROWS }), now)
    byId.value = { id, resource }
    byAgent.value = null
    void resource.load()
  }

  function agentLookups(agent: string): void {
    const resource = createResource(() => send('readAudit', { agent, limit: AUDIT_ROWS }), now)
    byAgent.value = { agent, resource }
    void resource.load()
  }

  return { byId, byAgent, whoLooked, agentLookups, close: () => void ((byId.value = null), (byAgent.value = null)) }
}

export type AuditStore = ReturnType<typeof createAuditStore>
