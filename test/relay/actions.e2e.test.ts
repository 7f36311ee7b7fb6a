import { ACTION_NAMES, actionRole, type MeResponse, type OneTimeLinkResponse, type UsageReport } from '@idv-lens/shared/api'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO, startStack, type Stack } from '../harness/stack.ts'

// The agent actions end to end, as `npm run dev` runs them: wrangler dev and the demo upstream as real
// processes, the demo agent an admin and an actor, every action on.
let stack: Stack
const auth = { authorization: `Bearer ${DEMO.agentToken}` }
/** A second agent, who only reads: the lists an action changed, as another agent sees them. */
const READER_TOKEN = 'idvl_list_reader_agent_token_local_only_0001'
const reader = { authorization: `Bearer ${READER_TOKEN}` }

beforeAll(async () => {
  stack = await startStack({
    agentTokens: `${DEMO.agentName}:${DEMO.agentToken}:admin:actor,list-reader:${READER_TOKEN}`,
    vars: { ACTIONS: ACTION_NAMES.join(',') },
  })
})

afterAll(async () => {
  await stack?.stop()
})

type Inquiry = { data: { id: string; attributes: { status: string; tags: string[] } } }

const send = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${stack.relay.url}${path}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
const read = async <T>(path: string): Promise<T> => (await (await fetch(`${stack.relay.url}${path}`, { headers: auth })).json()) as T

describe('agent actions under wrangler dev', () => {
  // First, while the audit holds nothing else: a browser's preflights before it sends the actions.
  it('counts no CORS preflight of an action or a read in the team usage', async () => {
    const id = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
    const asked: [string, string][] = [
      ...['generate-one-time-link', 'add-tag', 'remove-tag'].map((a): [string, string] => [`/v1/persona/inquiries/${id}/${a}`, 'POST']),
      [`/v1/persona/inquiries/${id}`, 'GET'],
      [`/v1/lookup?ids=${id}`, 'GET'],
    ]
    for (const [path, method] of asked) {
      const res = await fetch(`${stack.relay.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: DEMO.extensionOrigin,
          'access-control-request-method': method,
          'access-control-request-headers': 'authorization,content-type',
        },
      })
      expect(res.status).toBe(204)
      expect(res.headers.get('access-control-allow-origin')).toBe(DEMO.extensionOrigin)
    }
    // Audit rows are written after the answers, in the background: waited for, not timed.
    await vi.waitFor(
      async () =>
        expect(await stack.relay.queryAudit<{ n: number }>('SELECT COUNT(*) AS n FROM audit WHERE status = 204')).toEqual([
          { n: asked.length },
        ]),
      { timeout: 30_000, interval: 100 },
    )
    const usage = await read<UsageReport>('/v1/admin/usage?days=1')
    expect(usage.agents.filter((a) => a.agent === null)).toEqual([])
    expect(usage.vendors.find((v) => v.vendor === 'persona')?.days).toEqual([])
  })

  it('sends a one-time link after a requester match, and shows the inquiry approved once the customer finishes it', async () => {
    // The escalation stays off while FLAGGED_ESCALATION names nothing to do, though ACTIONS names it.
    const actions = ACTION_NAMES.filter((a) => actionRole(a) === 'actor' && a !== 'flagged-escalation')
    const flagged = { tag: null, assignee: null, contact: null }
    expect(await read<MeResponse>('/v1/me')).toEqual({
      agent: DEMO.agentName,
      roles: ['admin', 'actor'],
      actions,
      linkRequiresRequesterMatch: true,
      flagged,
    })
    const failed = await read<{ data: { id: string }[] }>('/v1/persona/inquiries?filter%5Bstatus%5D=failed&page%5Bsize%5D=5')
    const id = failed.data[0]!.id
    const link = `/v1/persona/inquiries/${id}/generate-one-time-link`
    expect(((await (await send(link, {})).json()) as { code: string }).code).toBe('requester-not-confirmed')

    const own = (await (
      await fetch(`${stack.upstream.personaBase}/inquiries/${id}`, { headers: { authorization: 'Bearer persona_demo_e2e_oracle' } })
    ).json()) as {
      data: { attributes: { fields: Record<string, { value: string | null }> } }
    }
    const check = await send('/v1/requester-check', { id, field: 'email', value: own.data.attributes.fields['email-address']!.value })
    expect(((await check.json()) as { data: { result: string } }).data.result).toBe('match')
    const made = await send(link, { meta: { 'expires-in-seconds': 3600 } }, { 'idempotency-key': 'e2e-click' })
    expect(made.status).toBe(200)
    const answer = (await made.json()) as OneTimeLinkResponse<{ id: string }>
    expect(answer.data.id).toBe(id)
    const code = new URL(answer.meta['one-time-link']).searchParams.get('code')!
    expect(code).toBeTruthy()

    expect((await fetch(`${stack.upstream.url}/__demo/persona/inquiries/${id}/finish-link`, { method: 'POST' })).status).toBe(200)
    expect((await read<Inquiry>(`/v1/persona/inquiries/${id}`)).data.attributes.status).toBe('approved')
    // Audit rows are written after the answers, in the background: waited for, not timed.
    const audit = await vi.waitFor(
      async () => {
        const rows = await stack.relay.queryAudit<{ route: string; ids: string }>(
          "SELECT route, ids FROM audit WHERE route LIKE '%one-time-link' AND outcome != 'preflight'",
        )
        expect(rows.length).toBe(2)
        return rows
      },
      { timeout: 30_000, interval: 100 },
    )
    expect(audit.map((row) => row.ids)).toEqual([JSON.stringify([id]), JSON.stringify([id])])
    expect(JSON.stringify(audit)).not.toContain(code)
    expect(stack.relay.process.output()).not.toContain(code)
  })

  it('adds a tag that the next read shows', async () => {
    const id = (await read<{ data: { id: string }[] }>('/v1/persona/inquiries?page%5Bsize%5D=3')).data[2]!.id
    await read<Inquiry>(`/v1/persona/inquiries/${id}`)
    expect((await send(`/v1/persona/inquiries/${id}/add-tag`, { meta: { 'tag-name': 'e2e' } })).status).toBe(200)
    expect((await read<Inquiry>(`/v1/persona/inquiries/${id}`)).data.attributes.tags).toContain('e2e')
  })
})

type Listed = {
  data: { id: string; attributes: { status?: string; tags?: string[]; 'reference-id'?: string | null; 'created-at'?: string } }[]
}

describe("another agent's list read right after an action", () => {
  const readAs = async (path: string, headers: Record<string, string> = {}): Promise<Listed> => {
    const res = await fetch(`${stack.relay.url}${path}`, { headers: { ...reader, ...headers } })
    expect(res.status).toBe(200)
    return (await res.json()) as Listed
  }

  it('shows a new tag on the reference-ID list, a forced refresh included', async () => {
    const page = await read<Listed>('/v1/persona/inquiries?page%5Bsize%5D=25')
    const tagged = page.data.find((inq) => inq.attributes['reference-id'])
    expect(tagged, 'the demo has an inquiry with a reference ID').toBeDefined()
    const list = `/v1/persona/inquiries?filter%5Breference-id%5D=${encodeURIComponent(tagged!.attributes['reference-id']!)}`
    const tagsOn = (listed: Listed) => listed.data.find((inq) => inq.id === tagged!.id)?.attributes.tags
    // The reader's list is read (and kept by the relay and the gate) before the write.
    expect(tagsOn(await readAs(list))).not.toContain('fresh-list')

    expect((await send(`/v1/persona/inquiries/${tagged!.id}/add-tag`, { meta: { 'tag-name': 'fresh-list' } })).status).toBe(200)
    expect(tagsOn(await readAs(list))).toContain('fresh-list')
    // And the copy it stored since is the one after the write: the next read too.
    expect(tagsOn(await readAs(list))).toContain('fresh-list')

    expect((await send(`/v1/persona/inquiries/${tagged!.id}/add-tag`, { meta: { 'tag-name': 'fresh-list-2' } })).status).toBe(200)
    expect(tagsOn(await readAs(list, { 'cache-control': 'no-cache' }))).toContain('fresh-list-2')
  })

  it('moves a case set to Approved from the open-cases list to the approved one', async () => {
    const open = '/v1/persona/cases?filter%5Bstatus%5D=Open&page%5Bsize%5D=100'
    const approved = '/v1/persona/cases?filter%5Bstatus%5D=Approved&page%5Bsize%5D=100'
    const newest = (await readAs(open)).data[0]
    expect(newest, 'the demo has an open case').toBeDefined()
    // Newest first: the newest open case, once approved, is on the approved list's first page.
    const approvedBefore = await readAs(approved)
    const oldestShown = approvedBefore.data.at(-1)?.attributes['created-at']
    expect(approvedBefore.data.length < 100 || String(newest!.attributes['created-at']) > String(oldestShown)).toBe(true)
    expect(approvedBefore.data.map((c) => c.id)).not.toContain(newest!.id)

    expect((await send(`/v1/persona/cases/${newest!.id}/set-status`, { meta: { status: 'Approved' } })).status).toBe(200)
    expect((await readAs(open)).data.map((c) => c.id)).not.toContain(newest!.id)
    // A list that did not name the case before the write gains it.
    expect((await readAs(approved)).data.map((c) => c.id)).toContain(newest!.id)
    expect((await readAs(open, { 'cache-control': 'no-cache' })).data.map((c) => c.id)).not.toContain(newest!.id)
  })
})
