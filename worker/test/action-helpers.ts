/** What the agent-action tests share: a relay with actors, a POST through the real app, the audit row of a request. */
import { createExecutionContext, env, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test'
import app from '../src/index.ts'
import type { Bindings } from '../src/bindings.ts'
import { parseConfig } from '../src/config/parse.ts'
import { VENDORS } from '../src/vendors/index.ts'
import { gateName } from '../src/upstream/gate-client.ts'
import type { VendorGate } from '../src/gate/vendor-gate.ts'
import type { VendorName } from '@idv-lens/shared/api'
import { ADMIN_TOKEN, AGENT_TOKEN, OTHER_TOKEN, expectContract, testRelay, type TestBindings, type TestRelay } from './helpers.ts'

export const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
export const ACTOR_TOKEN = 'actor-token-0123456789abcdefghijklmnopq'
/** An admin who is also an actor. */
export const LEAD_TOKEN = 'lead-token-0123456789abcdefghijklmnopqrs'
export const upstream = (env as unknown as { TEST_UPSTREAM_URL: string }).TEST_UPSTREAM_URL
export const db = (env as unknown as { AUDIT_DB: D1Database }).AUDIT_DB

/** `tester` reads, `other` is a second actor, `boss` an admin only, `act` an actor, `lead` both. */
export const ACTOR_TOKENS = `tester:${AGENT_TOKEN},other:${OTHER_TOKEN}:actor,boss:${ADMIN_TOKEN}:admin,act:${ACTOR_TOKEN}:actor,lead:${LEAD_TOKEN}:admin:actor`
export const EVERY_ACTION = 'one-time-link,tags,case-assign,case-status'

/** A relay with every action on and the agents above (overrides win). */
export const actionRelay = (overrides: TestBindings = {}): TestRelay =>
  testRelay({ AGENT_TOKENS: ACTOR_TOKENS, ACTIONS: EVERY_ACTION, ...overrides })

type Init = { token?: string; headers?: Record<string, string>; raw?: string; method?: string }

/** POSTs `body` (JSON) through the real app in workerd, checked against the published contract. */
export async function post(relay: TestRelay, path: string, body?: unknown, init: Init = {}): Promise<Response> {
  const ctx = createExecutionContext()
  const url = `http://relay.test${path}`
  const headers: Record<string, string> = { authorization: `Bearer ${init.token ?? ACTOR_TOKEN}`, ...init.headers }
  if (body !== undefined || init.raw !== undefined) headers['content-type'] ??= 'application/json'
  const res = await app.fetch(
    new Request(url, { method: init.method ?? 'POST', headers, body: init.raw ?? (body === undefined ? undefined : JSON.stringify(body)) }),
    relay.env as Bindings,
    ctx,
  )
  await waitOnExecutionContext(ctx)
  await expectContract(init.method ?? 'POST', url, res)
  return res
}

export type AuditRow = {
  agent: string | null
  route: string
  vendor: string | null
  ids: string
  outcome: string
  status: number
  cache_status: string | null
}

/** The audit rows of one request (its Request-Id), all columns. */
export async function auditRowsOf(res: Response): Promise<AuditRow[]> {
  const id = res.headers.get('request-id')
  return (await db.prepare('SELECT * FROM audit WHERE request_id = ?').bind(id).all<AuditRow>()).results
}

/** The relay's Persona gate (or `provider`'s) with a clock the test moves. */
export async function gateClock(relay: TestRelay, provider: VendorName = 'persona') {
  const gates = (env as unknown as { VENDOR_GATE: DurableObjectNamespace<VendorGate> }).VENDOR_GATE
  const stub = gates.get(gates.idFromName(await gateName(parseConfig(relay.env as Bindings, VENDORS), provider)))
  const clock = { t: Date.UTC(2026, 10, 26, 12, 0, 0), now: () => clock.t, sleep: async (ms: number) => void (clock.t += ms) }
  await runInDurableObject(stub, (gate) => {
    gate.clock = clock
  })
  return { stub, clock }
}

/** The inquiry's own email, read from the demo upstream directly (a scope of its own, so no test counts it). */
export async function emailOf(id: string): Promise<string> {
  const res = await fetch(`${upstream}/persona/api/v1/inquiries/${id}`, {
    headers: { authorization: 'Bearer persona_demo_actions_oracle' },
  })
  const inquiry = (await res.json()) as { data: { attributes: { fields: Record<string, { value: string | null }> } } }
  return inquiry.data.attributes.fields['email-address']!.value as string
}

/** The demo's seeded objects the other tests name (fixtures, the demo ticket's story): the action tests change none of them. */
export async function namedElsewhere(): Promise<Set<string>> {
  const info = (await (await fetch(`${upstream}/__demo/info`)).json()) as {
    fixtures: Record<string, unknown>
    story: Record<string, unknown> | null
  }
  return new Set(JSON.stringify([info.fixtures, info.story]).match(/(inq|case|iqse)_[A-Za-z0-9]+/g) ?? [])
}

/**
 * A seeded inquiry still `created`, by its place in the demo's list (each test its own place), so the
 * demo's cap of 25 sessions per inquiry is far and no other test names it.
 */
export async function createdInquiry(position: number): Promise<string> {
  const res = await fetch(`${upstream}/persona/api/v1/inquiries?page%5Bsize%5D=100&filter%5Bstatus%5D=created`, {
    headers: { authorization: 'Bearer persona_demo_actions_oracle' },
  })
  const list = (await res.json()) as { data: { id: string }[] }
  return list.data.at(position)!.id
}
