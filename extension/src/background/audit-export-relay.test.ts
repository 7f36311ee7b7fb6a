import { describe, expect, it, vi } from 'vitest'
import { createRelay } from './relay-client.ts'
import { exportAudit } from './audit-export-relay.ts'

const SETTINGS = { workerUrl: 'https://relay.example/', agentToken: 'idvl_token' }
const ORIGIN = 'chrome-extension://icljgiklpkchbldfjiplcpfkfmimljeo'
const REQ = { since: '2026-11-01T00:00:00.000Z', until: '2026-11-27T23:59:59.999Z', format: 'csv' as const }

function relayWith(answer: () => Response) {
  const seen: { url: URL; headers: Headers; signal: AbortSignal | null | undefined }[] = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({
      url: new URL(input instanceof Request ? input.url : String(input)),
      headers: new Headers(init?.headers),
      signal: init?.signal,
    })
    return answer()
  })
  return { relay: createRelay({ getSettings: async () => SETTINGS, fetch, origin: ORIGIN, now: () => 0 }), seen }
}

/** A body that arrives in pieces, a multi-byte character split across two of them. */
function pieces(parts: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part)
      controller.close()
    },
  })
}

describe('the audit export in the background', () => {
  it('streams the relay answer as text, bounded by the page signal, and reads the file name and retention', async () => {
    const bytes = new TextEncoder().encode('time,agent\r\n2026,jürgen\r\n')
    const split = bytes.indexOf(0xc3) + 1
    const { relay, seen } = relayWith(
      () =>
        new Response(pieces([bytes.slice(0, split), bytes.slice(split)]), {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="idv-lens-audit-2026-11-01-2026-11-27.csv"',
            'audit-retention-days': '90',
            'audit-oldest-row': '2026-09-01T00:00:00.000Z',
          },
        }),
    )
    const chunks: string[] = []
    const abort = new AbortController()
    const result = await exportAudit(relay, REQ, { chunk: (text) => chunks.push(text), signal: abort.signal })
    expect(chunks.join('')).toBe('time,agent\r\n2026,jürgen\r\n')
    expect(result).toMatchObject({
      ok: true,
      data: { fileName: 'idv-lens-audit-2026-11-01-2026-11-27.csv', retentionDays: 90, oldestRow: '2026-09-01T00:00:00.000Z' },
    })
    expect(seen[0]!.url.pathname).toBe('/v1/admin/audit/export')
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual(REQ)
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer idvl_token')
    expect(seen[0]!.signal).toBe(abort.signal)
  })

  it('hands nothing on when the relay refuses (an agent who is not an admin)', async () => {
    const problem = {
      type: 'urn:idv-lens:problem:forbidden',
      title: 'Not allowed for this agent',
      status: 403,
      detail: 'Only an admin can read the audit log.',
      code: 'forbidden',
    }
    const { relay } = relayWith(
      () => new Response(JSON.stringify(problem), { status: 403, headers: { 'content-type': 'application/problem+json' } }),
    )
    const chunks: string[] = []
    const result = await exportAudit(relay, REQ, { chunk: (text) => chunks.push(text), signal: new AbortController().signal })
    expect(chunks).toEqual([])
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.problem?.code).toBe('forbidden')
  })
})
