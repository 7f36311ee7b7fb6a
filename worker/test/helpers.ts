import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import app from '../src/index.ts'
import type { Bindings } from '../src/bindings.ts'
import { RelayContract } from './contract.ts'
import { VENDOR_NAMES, type VendorName } from '@idv-lens/shared/api'
import { DEMO_ACCESS, type DemoAccess } from '../demo-upstream/access.ts'
import { VENDORS } from '../src/vendors/index.ts'

export const AGENT_TOKEN = 'test-agent-token-0123456789abcdefghij'
export const OTHER_TOKEN = 'another-token-abcdefghijklmnopqrstuvwxyz'
export const ADMIN_TOKEN = 'admin-token-0123456789abcdefghijklmnopqr'
const testEnv = env as unknown as {
  TEST_UPSTREAM_URL: string
  VENDOR_GATE: NonNullable<Bindings['VENDOR_GATE']>
  METRICS: AnalyticsEngineDataset
}
const upstreamUrl = testEnv.TEST_UPSTREAM_URL
/** The real vendor gate binding (the Durable Object namespace wrangler.toml declares). */
export const VENDOR_GATE = testEnv.VENDOR_GATE

export type TestRelay = {
  env: Bindings
  /** Each vendor's key of this relay's own (Stripe's a test-mode `sk_test_…`: the gate's budget is the test-mode one). */
  keys: Record<VendorName, string>
  /**
   * GET through the real app inside workerd, with the agent token unless `auth: false`. Every response
   * is checked against the published contract (GET /openapi.json) and a mismatch fails the test.
   */
  get(path: string, init?: { headers?: Record<string, string>; auth?: boolean; method?: string; env?: TestBindings }): Promise<Response>
  /** How many requests reached the demo upstream with this relay's keys. */
  upstreamCalls(): Promise<Record<VendorName, number> & { total: number; requests: UpstreamRequestLog[] }>
  fault(fault: Fault): Promise<void>
  clearFaults(): Promise<void>
}

export type UpstreamRequestLog = {
  provider: string
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  at: string
  status: number | null
}
export type Fault = {
  provider?: VendorName
  /** Only requests of this method (a link's write, not its read of the checks). */
  method?: 'GET' | 'POST'
  fault: 'latency' | '429' | '500' | '503' | 'hang' | 'malformed' | '401' | 'drop' | 'oversize' | 'invalid'
  /** For `invalid`: the JSON the vendor answers (a 200, or `status`) instead of the real body. */
  body?: unknown
  status?: number
  /** For `invalid`: streamed without a Content-Length in chunks of this size, each after `chunkDelayMs`. */
  chunkBytes?: number
  chunkDelayMs?: number
  latencyMs?: number
  retryAfterSeconds?: number
  times?: number
}

/** Bindings a test may set: the generated ones, with any value (fakes of a binding included). */
export type TestBindings = { [K in keyof Bindings]?: unknown }

/** How the relay reaches each fake vendor (demo-upstream/access.ts). */
const ACCESS: Readonly<Record<VendorName, DemoAccess>> = DEMO_ACCESS

/** Every vendor's variables for a relay of its own: its base, its scoped key (and signing secret), its gate environment. */
function vendorBindings(keys: Record<VendorName, string>, scope: string): Record<string, string> {
  const each = VENDOR_NAMES.map((name) => {
    const { baseVariable, keySecret, signingSecret, environmentVariable } = VENDORS[name]
    const signing = signingSecret && ACCESS[name].signingKey ? { [signingSecret]: ACCESS[name].signingKey } : {}
    // The gate's budget belongs to the vendor environment: one of its own per test relay.
    const own = { [baseVariable]: `${upstreamUrl}${ACCESS[name].path}`, [keySecret]: keys[name], [environmentVariable]: `test-${scope}` }
    return { ...own, ...signing }
  })
  return Object.assign({}, ...each)
}

/**
 * A relay configuration of its own: fresh vendor keys (so the demo upstream counts and faults this
 * test's calls only) and therefore a fresh cache. `overrides` can unset or change any binding.
 */
export function testRelay(overrides: TestBindings = {}): TestRelay {
  const scope = crypto.randomUUID().slice(0, 12).replace(/-/g, '')
  const keys = Object.fromEntries(VENDOR_NAMES.map((name) => [name, ACCESS[name].scopedKey(scope)])) as Record<VendorName, string>
  // Overrides may unset a binding on purpose (to test its absence), hence the cast.
  const relayEnv = {
    ...vendorBindings(keys, scope),
    ALLOWED_ORIGINS: 'chrome-extension://testextensionid',
    // Production's default: a test about what is kept or counted must not meet a timeout on a busy
    // machine; a test about timeouts sets its own (faults, lookup, one-time links).
    UPSTREAM_TIMEOUT_MS: '8000',
    LIST_TTL_SECONDS: '20',
    OBJECT_TTL_SECONDS: '60',
    AGENT_TOKENS: `tester:${AGENT_TOKEN},other:${OTHER_TOKEN},boss:${ADMIN_TOKEN}:admin`,
    AUDIT_DB: (env as unknown as { AUDIT_DB: D1Database }).AUDIT_DB,
    // Each request waits for its audit write (waitOnExecutionContext): keep the gathering short.
    AUDIT_BATCH_MS: '5',
    VENDOR_GATE,
    // wrangler.toml's Analytics Engine dataset, a no-op locally (as under `npm run dev`).
    METRICS: testEnv.METRICS,
    ...overrides,
  } as Bindings
  const control = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${upstreamUrl}/__demo/${path}`, init)
    if (!res.ok) throw new Error(`demo upstream control ${path}: ${res.status} ${await res.text()}`)
    return res
  }
  const statsFor = async (key: string) =>
    (await (await control(`stats?scope=${encodeURIComponent(key)}`)).json()) as Record<VendorName, number> & {
      requests: UpstreamRequestLog[]
    }
  return {
    env: relayEnv,
    keys,
    async get(path, init = {}) {
      const headers = new Headers(init.headers)
      if (init.auth !== false && !headers.has('authorization')) headers.set('authorization', `Bearer ${AGENT_TOKEN}`)
      const ctx = createExecutionContext()
      const method = init.method ?? 'GET'
      const url = `http://relay.test${path}`
      const res = await app.fetch(new Request(url, { method, headers }), (init.env as Bindings | undefined) ?? relayEnv, ctx)
      // Let background work (cache writes, revalidation) finish so the next assertion sees it.
      await waitOnExecutionContext(ctx)
      await expectContract(method, url, res)
      return res
    },
    async upstreamCalls() {
      // Each vendor's count under its own key's scope.
      const stats = await Promise.all(VENDOR_NAMES.map((name) => statsFor(keys[name])))
      const counts = Object.fromEntries(VENDOR_NAMES.map((name, i) => [name, stats[i]![name]])) as Record<VendorName, number>
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0)
      return { ...counts, total, requests: stats.flatMap((s) => s.requests) }
    },
    async fault(fault) {
      const scope = keys[fault.provider ?? VENDOR_NAMES[0]]
      await control('faults', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scope, ...fault }),
      })
    },
    async clearFaults() {
      await Promise.all(Object.values(keys).map((k) => control(`faults?scope=${encodeURIComponent(k)}`, { method: 'DELETE' })))
    },
  }
}

let published: Promise<RelayContract> | undefined
/** The relay's own GET /openapi.json, fetched once per test file. */
export function contract(): Promise<RelayContract> {
  published ??= (async () => {
    const res = await app.fetch(new Request('http://relay.test/openapi.json'), {} as Bindings, createExecutionContext())
    if (res.status !== 200) throw new Error(`GET /openapi.json answered ${res.status}`)
    return new RelayContract(await res.json())
  })()
  return published
}

/** Fails the test when a response is not what the published contract says for its path, method and status. */
export async function expectContract(method: string, url: string, res: Response): Promise<void> {
  const violations = await (await contract()).check(method, url, res)
  if (violations.length > 0)
    throw new Error(`${method} ${new URL(url).pathname} → ${res.status} breaks the published contract:\n${violations.join('\n')}`)
}

export async function problemOf(res: Response) {
  expectProblemContentType(res)
  return (await res.json()) as {
    type: string
    title: string
    status: number
    detail: string
    code: string
    parameter?: string
    requestId?: string
    retryAfter?: number
  }
}

function expectProblemContentType(res: Response) {
  const type = res.headers.get('content-type') ?? ''
  if (!type.startsWith('application/problem+json')) throw new Error(`expected a problem+json response, got ${res.status} ${type}`)
}

/**
 * For `vi.waitFor` on something that happens by itself (a call reaching the demo upstream, a promise
 * settling): waiting for an event, not timing it, so its default 1 s is too short on a loaded machine.
 */
export const EVENTUALLY = { timeout: 30_000, interval: 20 }

/**
 * How long the demo vendor holds a call that a test acts on while it is in flight, or that concurrent
 * callers must join (a latency fault): a margin, not a measure. At 200-300 ms, a machine running two
 * suites at once let the call finish first ("never joins a load older than the timeout" saw a copy).
 */
export const IN_FLIGHT_MS = 3000
