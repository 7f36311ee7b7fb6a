import { Hono, type Context } from 'hono'
import { VENDOR_NAMES, type VendorName } from '@idv-lens/shared/api'
import { agentDirectoryFor, agentProblems } from '../auth/agent-directory.ts'
import { sha256Hex } from '../sha256.ts'
import type { AppEnv } from '../env.ts'
import { webhooksConfigured } from '../config/parse.ts'
import { liveHubOf } from '../live/binding.ts'
import { upstreamAuthSeen } from '../metrics/upstream-auth.ts'
import { namespaceOf } from '../cache/relay-caches.ts'
import type { AuditDatabase } from '../audit/database.ts'
import { existingAuditWriter } from '../audit/store.ts'
import { auditSpoolOf, type AuditSpoolStub } from '../audit/spool-binding.ts'
import { okBody } from '../middleware/ok-body.ts'
import { HealthSchema } from '../contract/schemas.ts'

/**
 * Liveness and configuration, without auth and without any upstream call. Says nothing secret: per
 * vendor, whether a key is set and whether the vendor refused it lately (`upstreamAuth`), so an uptime
 * monitor can alert on a revoked key.
 */
export const healthRoutes = new Hono<AppEnv>().get('/', okBody(HealthSchema), async (c) => {
  const config = c.get('config')
  const { upstream, webhooks } = config
  const problems = [...config.problems.filter((p) => p.affects !== 'agents'), ...(await agentProblems(config))]
  const namespace = await namespaceOf(config)
  const now = Date.now()
  const authSeen = await Promise.all(VENDOR_NAMES.map((vendor) => upstreamAuthSeen(namespace, vendor, now)))
  // A client whose origin is not allowed probes /healthz with a `no-cors` fetch to learn that the
  // relay is up (and that its origin is what is missing): CORP must let that answer through.
  c.header('Cross-Origin-Resource-Policy', 'cross-origin')
  // Any origin may read it too, without credentials (it says nothing secret): then a client whose CORS
  // request failed tells this relay refusing its origin from a server that is not an IDV Lens relay.
  // A listed origin keeps its own answer (CORS middleware in app.ts), with credentials in Access mode.
  if (!c.res.headers.has('access-control-allow-origin')) c.header('Access-Control-Allow-Origin', '*')
  const usable = (provider: VendorName) => upstream[provider].apiKey !== null && !problems.some((p) => p.affects === provider)
  return c.json(
    {
      // `misconfigured`: the relay runs, and the routes that need a broken part answer 503 until it is fixed.
      status: problems.length ? ('misconfigured' as const) : ('ok' as const),
      providers: Object.fromEntries(
        VENDOR_NAMES.map((vendor, i) => [vendor, { configured: usable(vendor), upstreamAuth: authSeen[i]! }]),
      ) as Record<VendorName, { configured: boolean; upstreamAuth: (typeof authSeen)[number] }>,
      // Variable names and what is wrong, never values.
      problems: problems.map(({ variable, message }) => ({ variable, message })),
      // Live events need the hub and at least one vendor's webhook secret; clients poll otherwise.
      live: { configured: liveHubOf(c.env) !== null && webhooksConfigured(webhooks) },
      // How agents authenticate, so the extension offers a token field or "Sign in" (no secret in it).
      auth: { mode: config.auth.mode },
      // Whether this isolate's audit writer keeps up (failing: D1 refused or timed out; rows are kept).
      // Its counts and times only for an agent: they would tell anyone when agents are working.
      audit: await auditStatus(c.env.AUDIT_DB, auditSpoolOf(c.env), config.audit.enabled, await isAgent(c)),
    },
    200,
  )
})

const IDLE = { pending: 0, spooled: 0, dropped: 0, failures: 0, lastFailureAt: null, lastWrittenAt: null }
/** /healthz never waits long for the spool: unanswered, the writer's own state stands. */
const SPOOL_ASK_MS = 2000

/**
 * This isolate's writer; while rows of it wait in the spool (handed over during a D1 outage), the
 * spool is asked whether it has written them, so `ok` comes back once D1 took them, traffic or not.
 */
async function auditStatus(db: AuditDatabase | undefined, spool: AuditSpoolStub | null, enabled: boolean, detailed: boolean) {
  const writer = db && enabled ? existingAuditWriter(db) : null
  if (writer && spool && writer.health().spooled > 0) {
    let timer: ReturnType<typeof setTimeout> | undefined
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), SPOOL_ASK_MS)))
    const status = await Promise.race([spool.status().catch(() => null), late]).finally(() => timer !== undefined && clearTimeout(timer))
    if (status) writer.spoolSeen(status)
  }
  const health = !db || !enabled ? { writes: 'off' as const, ...IDLE } : (writer?.health() ?? { writes: 'ok' as const, ...IDLE })
  return detailed ? health : { writes: health.writes }
}

/** Whether the request carries a valid agent token (AUTH_MODE=tokens); /healthz itself needs none. */
async function isAgent(c: Context<AppEnv>): Promise<boolean> {
  const config = c.get('config')
  const token = /^Bearer ([^\s]+)$/.exec(c.req.header('authorization') ?? '')?.[1]
  if (!token || config.auth.mode !== 'tokens') return false
  return (await agentDirectoryFor(config)).byHash.has(await sha256Hex(token))
}
