import { Hono } from 'hono'
import type { AppEnv } from '../env.ts'
import { serveMcp } from './mcp-server.ts'
import { principalOf, unauthorized } from './principal.ts'
import { authorizationServerMetadata } from '../oauth/authorize-routes.ts'
import { mcpResourceOf, oauthEnvOf } from '../oauth/authorization-server.ts'

/** JSON-RPC error body for refusals made before the SDK reads the message. */
const rpcError = (status: number, message: string, headers: Record<string, string> = {}) =>
  Response.json(
    { jsonrpc: '2.0', error: { code: -32000, message }, id: null },
    { status, headers: { 'cache-control': 'no-store', ...headers } },
  )

/**
 * `POST /mcp`: MCP Streamable HTTP, stateless. A browser Origin the relay does not list is refused
 * (DNS rebinding), then the principal is read from AGENT_TOKENS on every request, then the SDK serves it.
 */
export const mcpRoutes = new Hono<AppEnv>().on(['POST', 'GET', 'DELETE'], '/', async (c) => {
  const origin = c.req.header('origin')
  if (origin !== undefined && !c.get('config').allowedOrigins.includes(origin)) return rpcError(403, 'This Origin may not call the relay.')
  if (c.req.method !== 'POST') return rpcError(405, 'Method not allowed: this endpoint is stateless; POST each message.', { allow: 'POST' })
  const principal = await principalOf(c)
  if (!principal) return unauthorized(c.req.url)
  c.set('agent', principal.name)
  const res = await serveMcp(c.req.raw, { c, principal })
  // A tool's result holds what a record says: stored by nothing between the client and the relay, as /v1's bodies.
  res.headers.set('cache-control', 'private, no-store')
  return res
})

/**
 * RFC 9728 protected-resource metadata for /mcp, at the root and path-suffixed well-known URLs. With
 * OAuth on (OAUTH_KV), the relay is its own authorization server; AGENT_TOKENS bearers work either way.
 */
export const protectedResourceRoutes = new Hono<AppEnv>()
  .get('/oauth-protected-resource/:path{.*}?', (c) => {
    const origin = new URL(c.req.url).origin
    return c.json({
      resource: mcpResourceOf(c.req.url),
      ...(oauthEnvOf(c.env, c.req.url) ? { authorization_servers: [origin] } : {}),
      bearer_methods_supported: ['header'],
      resource_name: 'IDV Lens relay',
    })
  })
  .get('/oauth-authorization-server', authorizationServerMetadata)
