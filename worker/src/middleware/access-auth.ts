import type { MiddlewareHandler } from 'hono'
import { AccessKeysUnavailable, accessCookieOf, accessTokenOf, cookieRequestAllowed, verifyAccessToken } from '../auth/access-jwt.ts'
import { misconfigured } from '../config/refusals.ts'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../errors.ts'

/** AUTH_MODE=access: every /v1 request carries a valid Access token; its email is the agent. */
export const accessAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const config = c.get('config')
  const settings = config.auth.access
  if (!settings) throw misconfigured(config.problems.filter((p) => p.affects === 'agents'))
  const token = accessTokenOf(c.req.header('cf-access-jwt-assertion'), c.req.header('cookie'))
  if (!token) throw new ApiError('unauthorized', 'Sign in through Cloudflare Access: no Access token came with the request.')
  if (
    accessCookieOf(c.req.header('cookie')) &&
    !cookieRequestAllowed(c.req.header('origin'), c.req.header('sec-fetch-site'), config.allowedOrigins)
  ) {
    throw new ApiError(
      'forbidden',
      'A signed-in browser request must come from the extension (an origin in ALLOWED_ORIGINS) or from the relay itself.',
    )
  }
  const agent = await verifyAccessToken(token, settings).catch((error: unknown) => {
    if (!(error instanceof AccessKeysUnavailable)) throw error
    // Cloudflare's certs endpoint is down and no held key set is young enough: the token cannot be
    // checked either way, so this is an outage to wait out, not a reason to sign in again.
    throw new ApiError(
      'auth-unavailable',
      "The relay cannot check Cloudflare Access sign-ins right now (the team's keys could not be fetched). Try again shortly.",
      {
        retryAfter: error.retryAfterSeconds,
      },
    )
  })
  if (!agent)
    throw new ApiError(
      'unauthorized',
      'The Cloudflare Access token is not valid for this relay (expired, another application, or not signed by the team). Sign in again.',
    )
  c.set('agent', agent.name)
  c.set('role', agent.role)
  c.set('roles', agent.roles)
  await next()
}
