import { Hono, type MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import { timeout } from 'hono/timeout'
import { timing } from 'hono/timing'
import { configFor } from './config/parse.ts'
import { requestBackstopMs } from './deadlines.ts'
import { OPENAPI_PATH, openApiDocument } from './routes/openapi.ts'
import type { AppEnv } from './env.ts'
import { ApiError } from './errors.ts'
import { onError, onNotFound, problemResponse } from './middleware/problem-response.ts'
import { accessLog } from './middleware/access-log.ts'
import { agentAuth } from './middleware/agent-auth.ts'
import { auditLog } from './middleware/audit-log.ts'
import { auditRoutes } from './routes/audit.ts'
import { auditExportRoutes } from './routes/audit-export.ts'
import { usageRoutes } from './routes/usage.ts'
import { relayConfigGuard } from './middleware/config-guard.ts'
import { relayRequestId } from './middleware/request-id.ts'
import { hasRouteFor, routeTableOf } from './route-table.ts'
import { requestMetrics } from './metrics/request-metrics.ts'
import { healthRoutes } from './routes/health.ts'
import { mcpRoutes, protectedResourceRoutes } from './mcp/mcp-routes.ts'
import { oauthRoutes } from './oauth/authorize-routes.ts'
import { oauthClientRoutes } from './oauth/client-routes.ts'
import { liveTicketRoutes, liveUpgrade } from './routes/live.ts'
import { lookupRoutes } from './routes/lookup.ts'
import { historyRoutes } from './routes/history.ts'
import { requesterCheckRoutes } from './routes/requester-check.ts'
import { meRoutes } from './routes/me.ts'
import { mountVendors } from './routes/mount-vendors.ts'
import { statusRoutes } from './routes/status.ts'
import { webhookRoutes } from './routes/webhooks.ts'
import { VENDORS } from './vendors/index.ts'
import { VENDOR_ROUTERS } from './vendors/routers.ts'

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
/** The headers vendor routes take from agents (Persona-Version and the like), for CORS. */
const VENDOR_REQUEST_HEADERS = Object.values(VENDORS).flatMap((vendor) => vendor.requestHeaders)
/** The answer headers vendor routes pass on (Onfido's paging), which the extension reads. */
const VENDOR_ANSWER_HEADERS = Object.values(VENDORS).flatMap((vendor) => vendor.answerHeaders ?? [])

/** The configuration for the registry's vendors: the core reads vendors only through it. */
const withConfig: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('config', configFor(c.env, VENDORS))
  await next()
}

const root = new Hono<AppEnv>()
// The routers mounted below are the one place a path is declared; the audit reads routes from them.
const routeOf = routeTableOf(root)

const app = root
  // First, so no middleware below touches the WebSocket upgrade (a 101's headers are immutable); the
  // audit only reads the response, so it records the upgrade too.
  .get('/v1/live', withConfig, auditLog(routeOf), liveUpgrade)
  .use(relayRequestId)
  .use(withConfig)
  // Ahead of everything that can refuse (method, CORS preflight, auth, routing): one row per /v1 request.
  .use(auditLog(routeOf))
  .use(accessLog(routeOf))
  .use(requestMetrics)
  // A route that sets one of these headers itself keeps it (/healthz loosens CORP).
  .use(secureHeaders({ overwrite: false }))
  .use((c, next) =>
    cors({
      origin: (origin) => (c.get('config').allowedOrigins.includes(origin) ? origin : null),
      allowMethods: ['GET', 'HEAD', 'OPTIONS', 'POST'],
      // Priority (RFC 9218): the extension marks its automatic refreshes u=5, which the vendor gate sheds first.
      // Content-Type: the requester check's JSON body.
      allowHeaders: ['Authorization', 'Cache-Control', 'Content-Type', 'Pragma', ...VENDOR_REQUEST_HEADERS, 'Priority'],
      exposeHeaders: [
        'Cache-Status',
        'Age',
        'Retry-After',
        'Request-Id',
        'Server-Timing',
        'Content-Disposition',
        'Audit-Retention-Days',
        'Audit-Oldest-Row',
        ...VENDOR_ANSWER_HEADERS,
      ],
      maxAge: 600,
      // Access mode: the Access cookie must travel, so credentials are allowed (for the listed origins only).
      credentials: c.get('config').auth.mode === 'access',
    })(c, next),
  )
  .use(timing())
  // The relay only reads: any other method is refused before routing, auth or an upstream call. The
  // only writes are the routes declared for them (vendor webhooks, live-socket tickets, the requester
  // check, a read whose value must not sit in a URL, and the agent actions an admin turns on).
  .use(async (c, next) => {
    if (!READ_METHODS.has(c.req.method) && !hasRouteFor(c)) {
      return problemResponse(c, new ApiError('method-not-allowed', `The relay only reads; ${c.req.method} is not allowed.`))
    }
    await next()
  })
  .use('/v1/*', agentAuth)
  .use('/v1/*', relayConfigGuard)
  // Backstop: the upstream call has its own timeout; this bounds everything else around it.
  .use('/v1/*', (c, next) =>
    timeout(requestBackstopMs(c.get('config').timeoutMs), () => new ApiError('upstream-timeout', 'The relay took too long to answer.'))(
      c,
      next,
    ),
  )
  .use('/v1/*', async (c, next) => {
    await next()
    // Bodies hold personal data: never stored by the browser or anything in between.
    c.res.headers.set('cache-control', 'private, no-store')
  })

// Each vendor's router at /v1/<name>, typed as if mounted one by one (the typed client stays exact).
const routes = mountVendors(app.route('/healthz', healthRoutes), VENDOR_ROUTERS)
  .route('/v1/lookup', lookupRoutes)
  .route('/v1/history', historyRoutes)
  .route('/v1/requester-check', requesterCheckRoutes)
  .route('/v1/me', meRoutes)
  .route('/v1/admin', auditRoutes)
  .route('/v1/admin', auditExportRoutes)
  .route('/v1/admin', usageRoutes)
  .route('/v1/status', statusRoutes)
  .route('/v1/live', liveTicketRoutes)
  .route('/webhooks', webhookRoutes)

// MCP for helpdesk AI agents and assistants (docs/mcp.md): outside the typed client's routes.
app.route('/mcp', mcpRoutes).route('/.well-known', protectedResourceRoutes)
// OAuth for the helpdesks that require it (docs/mcp.md): the admin's approval page, the token endpoint, client registration.
app.route('/oauth', oauthRoutes).route('/v1/admin', oauthClientRoutes)

// The published contract, built from the routes above (no auth: it holds nothing secret).
app.get(OPENAPI_PATH, async (c) => c.json(await openApiDocument(routes)))

app.notFound(onNotFound)
app.onError(onError)

export type AppType = typeof routes
export default app
