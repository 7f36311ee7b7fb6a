/**
 * Sumsub's applicant reads and its websdkLink (docs/vendors/sumsub.md), mounted at /sumsub: paths
 * are signed as Sumsub sees them, from its root (`/resources/...`). A wrong token, a missing time or
 * a signature that does not match the exact bytes answers 401, as Sumsub does.
 */
import { Hono, type Context } from 'hono'
import type { SumsubDemoApplicant } from './sumsub-seed.ts'
import { sumsubErrors } from './sumsub-errors.ts'
import { sameHex, sumsubRequestSig } from './sumsub-sign.ts'
import { sumsubAccess } from './sumsub-access.ts'
import { jsonResponse, VendorError } from '../errors.ts'
import type { ScopeRegistry } from '../scope-state.ts'
import { injectFaults, recordRequests, type DemoEnv, type VendorFaults } from '../vendor-gate.ts'

export const SUMSUB_MOUNT = '/sumsub'
/** The demo's app token and secret key: the relay's SUMSUB_APP_TOKEN and SUMSUB_SECRET_KEY in tests. */
export const SUMSUB_DEMO_KEYS = { appToken: sumsubAccess.key, secretKey: sumsubAccess.signingKey }

/**
 * `appToken`, or it with `-<scope>` after it: a test's own token, whose requests `/__demo/requests` lists.
 * With `scopes`, its requests count in the demo's stats and take its injected faults, by token.
 */
export type SumsubDemoOptions = {
  appToken: string
  secretKey: string
  applicants: readonly SumsubDemoApplicant[]
  clock: () => number
  scopes?: ScopeRegistry
}

/** How the demo's Sumsub answers an injected fault: its error bodies (§5), a `Retry-After` on a 429 or 503 that names one. */
const SUMSUB_FAULTS: VendorFaults = {
  provider: 'sumsub',
  mountPath: SUMSUB_MOUNT,
  scopeOf: (request) => request.headers.get('x-app-token') ?? '',
  respond: (fault, active) => {
    const made = {
      '401': sumsubErrors.unauthorized,
      '500': sumsubErrors.internal,
      '503': sumsubErrors.unavailable,
      '429': sumsubErrors.tooManyRequests,
    }[fault]()
    const waits = active.retryAfterSeconds !== null && (fault === '429' || fault === '503')
    const headers: Record<string, string> = waits ? { 'retry-after': String(active.retryAfterSeconds) } : {}
    return new VendorError(made.status, made.body, { headers }).toResponse()
  },
}

/** What the demo remembers of a request, for tests that prove the relay made no call: never a header's value. */
export type SumsubDemoRequest = { method: string; path: string }
const MAX_LOGGED = 200

const EXTERNAL = /^-;externalUserId=(.+)$/

async function checkSignature(c: Context, options: SumsubDemoOptions, pathWithQuery: string): Promise<string> {
  const body = await c.req.raw.clone().text()
  const ts = c.req.header('x-app-access-ts') ?? ''
  const sig = c.req.header('x-app-access-sig') ?? ''
  const expected = sumsubRequestSig(options.secretKey, { ts, method: c.req.method, pathWithQuery, body })
  const token = c.req.header('x-app-token') ?? ''
  const known = token === options.appToken || token.startsWith(`${options.appToken}-`)
  if (!known || !/^\d{1,12}$/.test(ts) || !sameHex(sig, expected)) throw sumsubErrors.unauthorized()
  return body
}

function findApplicant(applicants: readonly SumsubDemoApplicant[], raw: string): SumsubDemoApplicant {
  const external = EXTERNAL.exec(raw)
  const user = external ? decodeURIComponent(external[1]!) : null
  const found = applicants.find((a) => (user === null ? a.id === raw : a.externalUserId === user))
  if (!found) throw sumsubErrors.notFound()
  return found
}

function linkOf(body: string, clock: () => number): { url: string } {
  const input = (() => {
    try {
      return JSON.parse(body) as Record<string, unknown>
    } catch {
      return null
    }
  })()
  if (!input || typeof input.levelName !== 'string' || typeof input.userId !== 'string')
    throw sumsubErrors.invalid('levelName and userId are required')
  const token = Buffer.from(`${input.userId}:${clock()}`).toString('base64url')
  return { url: `https://in.sumsub.com/websdk/p/sbx_${token}` }
}

export function createSumsubApp(options: SumsubDemoOptions): Hono<DemoEnv> {
  const app = new Hono<DemoEnv>()
  if (options.scopes) app.use('/resources/*', recordRequests(options.scopes, SUMSUB_FAULTS), injectFaults(options.scopes, SUMSUB_FAULTS))
  const log = new Map<string, SumsubDemoRequest[]>()
  app.get('/__demo/requests', (c) => c.json(log.get(c.req.query('token') ?? '') ?? []))
  app.use('/resources/*', async (c, next) => {
    const token = c.req.header('x-app-token') ?? ''
    const seen = log.get(token) ?? []
    if (seen.length < MAX_LOGGED) seen.push({ method: c.req.method, path: new URL(c.req.url).pathname.replace(/^\/sumsub(?=\/)/, '') })
    log.set(token, seen)
    await next()
  })
  app.onError((err) =>
    err instanceof VendorError ? err.toResponse() : jsonResponse({ description: 'Internal error', code: 500 }, 500, 'application/json'),
  )
  const signedPath = (c: Context) => {
    const url = new URL(c.req.url)
    return `${url.pathname.replace(/^\/sumsub(?=\/)/, '')}${url.search}`
  }
  const json = (body: unknown) => jsonResponse(body, 200, 'application/json;charset=UTF-8')
  return app
    .get('/resources/applicants/:id/one', async (c) => {
      await checkSignature(c, options, signedPath(c))
      return json(findApplicant(options.applicants, c.req.param('id')))
    })
    .post('/resources/sdkIntegrations/levels/-/websdkLink', async (c) =>
      json(linkOf(await checkSignature(c, options, signedPath(c)), options.clock)),
    )
    .all('*', () => {
      throw new VendorError(404, { description: 'Not found', code: 404 })
    })
}
