import { describe, expect, it, vi } from 'vitest'
import type { Send } from '../lib/messages.ts'
import { createAuditStore } from './audit-store.ts'

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const ROW = {
  time: '2026-01-01T00:00:00.000Z',
  agent: 'alice',
  route: '/v1/persona/inquiries/:id',
  ids: [INQUIRY],
  outcome: 'hit',
  status: 200,
  cacheStatus: 'idv-lens; hit',
  requestId: 'r1',
}

function recordingSend(answer: unknown = { ok: true, data: { data: [ROW], next: null }, freshness: null, receivedAt: 0 }) {
  const calls: [string, unknown][] = []
  const send = vi.fn(async (type: string, req: unknown) => {
    calls.push([type, req])
    return answer
  }) as unknown as Send
  return { send, calls }
}

describe('createAuditStore', () => {
  it("asks nothing until an admin asks who looked, then that agent's lookups", async () => {
    const { send, calls } = recordingSend()
    const audit = createAuditStore(send)
    expect(calls).toEqual([])
    audit.whoLooked(INQUIRY)
    await vi.waitFor(() => expect(audit.byId.value?.resource.data.value?.data).toEqual([ROW]))
    audit.agentLookups('alice')
    await vi.waitFor(() => expect(audit.byAgent.value?.resource.data.value?.data).toEqual([ROW]))
    expect(calls).toEqual([
      ['readAudit', { id: INQUIRY, limit: 50 }],
      ['readAudit', { agent: 'alice', limit: 50 }],
    ])
    // Asking about another ID starts over.
    audit.whoLooked('evt_o9byQRbjygu76Jbtea9wuJ1boP7a')
    expect(audit.byAgent.value).toBeNull()
  })

  it("keeps a refusal (an agent is not an admin) as the resource's error", async () => {
    const { send } = recordingSend({ ok: false, error: { kind: 'internal', reason: { code: 'relay-problem' } } })
    const audit = createAuditStore(send)
    audit.whoLooked(INQUIRY)
    await vi.waitFor(() => expect(audit.byId.value?.resource.error.value).not.toBeNull())
    expect(audit.byId.value?.resource.data.value).toBeNull()
  })
})
