import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import {
  AuthorizationError,
  authorizationErrorRedirect,
  type OAuthAuthorizationServer,
  type OAuthHelpers,
} from '@cloudflare/workers-oauth-provider'
import type { AppEnv } from '../env.ts'
import { approvalPage, htmlPage, refusalPage } from './approval-page.ts'
import { approvingAdmin } from './approver.ts'
import { authorizationServerFor, oauthEnvOf, type OAuthEnv, type OAuthProps } from './authorization-server.ts'

/** The approval form and a token request are a few short fields: anything larger is refused unread. */
const MAX_FORM_BYTES = 8 * 1024
const bounded = bodyLimit({ maxSize: MAX_FORM_BYTES, onError: () => refusalPage('The request is too large.', 413) })

/** Hono's execution context, as the library's types name it. */
type RuntimeContext = Parameters<OAuthAuthorizationServer<OAuthEnv>['fetch']>[2]
const runtimeCtx = (c: Context<AppEnv>) => c.executionCtx as unknown as RuntimeContext

const helpersOf = (c: Context<AppEnv>): OAuthHelpers | null => {
  const env = oauthEnvOf(c.env, c.req.url)
  return env ? authorizationServerFor(c.req.url).getOAuthApi(env) : null
}

/** The library's validation failures: back to the client once it and its redirect URI are checked, else shown here. */
function refusalOf(error: unknown): Response {
  if (!(error instanceof AuthorizationError)) throw error
  if (error.redirectTo) return Response.redirect(error.redirectTo, 302)
  return refusalPage(error.description, 400)
}

/** GET: the library checks the request (registered client, exact redirect URI, resource); the relay asks for PKCE S256. */
async function showApproval(c: Context<AppEnv>, oauth: OAuthHelpers): Promise<Response> {
  const request = await oauth.parseAuthRequest(c.req.raw)
  if (request.codeChallengeMethod !== 'S256')
    return Response.redirect(authorizationErrorRedirect(request, 'invalid_request', 'PKCE with S256 is required.'), 302)
  const details = await oauth.describeConsent(request)
  const consent = await oauth.beginConsent(request)
  return htmlPage(approvalPage(details, consent.handle, c.get('config').auth.mode !== 'access'), 200, consent.headers)
}

/** POST: a denial goes back to the client; an approval needs an admin, and grants the client's registered name. */
async function decide(c: Context<AppEnv>, oauth: OAuthHelpers): Promise<Response> {
  const form = await c.req.formData()
  const field = (name: string) => (typeof form.get(name) === 'string' ? (form.get(name) as string) : undefined)
  const handle = field('handle') ?? ''
  if (field('decision') !== 'approve')
    return new Response(null, { status: 302, headers: (await oauth.denyConsent(c.req.raw, handle)).headers })
  const admin = await approvingAdmin(c, field('admin_token'))
  if (!admin) return refusalPage('Only an admin can approve a client: use an admin token of this relay.', 403)
  const approved = await oauth.approveConsent(c.req.raw, handle)
  const client = await oauth.lookupClient(approved.request.clientId)
  if (!client?.clientName) return refusalPage('This client is no longer registered.', 400)
  const props: OAuthProps = { name: client.clientName }
  const { redirectTo } = await oauth.completeAuthorization({
    request: approved.request,
    // One grant per client: a new approval replaces the client's earlier one.
    userId: `client-${client.clientId}`,
    metadata: { approvedBy: admin, approvedAt: new Date().toISOString() },
    scope: approved.request.scope,
    props,
  })
  approved.headers.set('location', redirectTo)
  return new Response(null, { status: 302, headers: approved.headers })
}

/**
 * `/oauth/authorize`, the admin's approval page, and `/oauth/token`, served by the library (code with
 * PKCE for tokens, refresh, revocation). No registration endpoint: an admin registers clients.
 */
export const oauthRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    if (!oauthEnvOf(c.env, c.req.url)) return refusalPage('OAuth is off on this relay: bind the OAUTH_KV namespace.', 404)
    await next()
  })
  .get('/authorize', (c) => showApproval(c, helpersOf(c)!).catch(refusalOf))
  .post('/authorize', bounded, (c) => decide(c, helpersOf(c)!).catch(refusalOf))
  .post('/token', bounded, (c) => authorizationServerFor(c.req.url).fetch(c.req.raw, oauthEnvOf(c.env, c.req.url)!, runtimeCtx(c)))

/** RFC 8414 metadata of the authorization server, by the library. */
export const authorizationServerMetadata = (c: Context<AppEnv>) => {
  const env = oauthEnvOf(c.env, c.req.url)
  if (!env) return c.notFound()
  return authorizationServerFor(c.req.url).fetch(c.req.raw, env, runtimeCtx(c))
}
