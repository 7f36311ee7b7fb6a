/**
 * Onfido's new link under `wrangler dev` (issue 59, item 7), through real requests: a browser's
 * preflight lets the Idempotency-Key through; a new run for the story's applicant with its link and
 * expiry; a retry with the same key makes no second run (Onfido takes no key: the relay answers 409
 * `already-made`, counted by the demo upstream's log); the day's bound per
 * applicant across its runs; an approved run refused; the team usage counts each `new-link`; the
 * link in no audit row and no line the relay printed.
 */
import type { UsageReport } from '@idv-lens/shared/api'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO, startStack, type Stack } from '../harness/stack.ts'

/** The demo story's customer on Onfido (worker/demo-upstream/onfido-seed.ts ONFIDO_STORY). */
const STORY = {
  applicantId: '3b9f6c2e-8a41-4d7e-b2c5-9e0a1f6d4c83',
  declined: 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46',
  waiting: 'e8d14b7a-6c2f-4a95-b3e1-7f0c2d9a5b18',
}
const auth = { authorization: `Bearer ${DEMO.agentToken}` }
type NewLink = { workflow_run: { id: string; applicant_id: string; status: string }; link: { url: string; expires_at: string } }

let stack: Stack

beforeAll(async () => {
  stack = await startStack({
    agentTokens: `${DEMO.agentName}:${DEMO.agentToken}:admin:actor`,
    vars: { ACTIONS: 'onfido-link', LINK_REQUIRES_REQUESTER_MATCH: 'false' },
  })
})

afterAll(async () => {
  await stack?.stop()
})

/** The workflow runs Onfido was asked to make with the relay's token, from the demo upstream's log. */
async function runsMade(): Promise<number> {
  const stats = (await (await fetch(`${stack.upstream.url}/__demo/stats?scope=${encodeURIComponent(DEMO.keys.onfido)}`)).json()) as {
    requests: { provider: string; method: string; path: string }[]
  }
  return stats.requests.filter((r) => r.provider === 'onfido' && r.method === 'POST' && r.path.endsWith('/workflow_runs')).length
}

const newLink = (run: string, body: unknown = {}, headers: Record<string, string> = {}) =>
  fetch(`${stack.relay.url}/v1/onfido/workflow_runs/${run}/new-link`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

describe("Onfido's new link under wrangler dev", () => {
  it("lets a browser's preflight send the Idempotency-Key", async () => {
    const res = await fetch(`${stack.relay.url}/v1/onfido/workflow_runs/${STORY.declined}/new-link`, {
      method: 'OPTIONS',
      headers: {
        origin: DEMO.extensionOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,idempotency-key',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key')
  })

  it('makes new runs for the applicant up to the day bound, a keyed retry no second run, the link nowhere else', async () => {
    const expiresAt = new Date(Date.now() + 3 * 86_400_000).toISOString()
    const first = await newLink(STORY.declined, { link: { expires_at: expiresAt } }, { 'idempotency-key': 'zd-7412-1' })
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('private, no-store')
    const made = (await first.json()) as NewLink
    expect(made).toMatchObject({
      workflow_run: { applicant_id: STORY.applicantId, status: 'awaiting_input' },
      link: { expires_at: expiresAt },
    })
    const links = [made.link.url]
    const retried = await newLink(STORY.declined, { link: { expires_at: expiresAt } }, { 'idempotency-key': 'zd-7412-1' })
    expect(retried.status).toBe(409)
    const repeat = (await retried.json()) as { code: string; madeAt: string; detail: string }
    expect(repeat.code).toBe('already-made')
    expect(Date.parse(repeat.madeAt)).toBeGreaterThan(Date.now() - 60_000)
    expect(JSON.stringify(repeat)).not.toContain(made.link.url)
    expect(await runsMade()).toBe(1)
    // Four more, from the applicant's other run too: five counted (the retry none), then the bound.
    for (const run of [STORY.waiting, STORY.declined, STORY.waiting, STORY.declined]) {
      const res = await newLink(run)
      expect(res.status).toBe(200)
      links.push(((await res.json()) as NewLink).link.url)
    }
    const over = await newLink(STORY.waiting)
    expect(over.status).toBe(429)
    expect(((await over.json()) as { detail: string }).detail).toMatch(/This applicant has had as many new links as a day allows/)
    expect(new Set(links).size).toBe(5)
    expect(await runsMade()).toBe(5)

    const rows = await vi.waitFor(
      async () => {
        const found = await stack.relay.queryAudit<Record<string, unknown>>(
          "SELECT * FROM audit WHERE route = '/v1/onfido/workflow_runs/:id/new-link' AND status <> 204 ORDER BY seq",
        )
        expect(found.length).toBe(7)
        return found
      },
      { timeout: 30_000, interval: 100 },
    )
    expect(rows.map((r) => r['status'])).toEqual([200, 409, 200, 200, 200, 200, 429])
    const codes = links.map((url) => url.split('/').pop()!)
    for (const code of codes) {
      expect(JSON.stringify(rows)).not.toContain(code)
      expect(stack.relay.process.output()).not.toContain(code)
    }
    const usage = (await (await fetch(`${stack.relay.url}/v1/admin/usage?days=1`, { headers: auth })).json()) as UsageReport
    const mine = usage.agents.find((a) => a.agent === DEMO.agentName)
    expect(mine?.days[0]?.actions['new-link']).toBe(5)
  })

  it('refuses an approved run with a 400, making no run', async () => {
    const runs = (await (await fetch(`${stack.relay.url}/v1/onfido/workflow_runs?status=approved`, { headers: auth })).json()) as {
      id: string
    }[]
    const res = await newLink(runs[0]!.id)
    expect(res.status).toBe(400)
    expect(((await res.json()) as { detail: string }).detail).toBe(
      'This run is approved: a new link would not help the customer, so none is made.',
    )
  })
})
