import type { Context } from 'hono'
import type { AppEnv } from '../env.ts'
import { authorizationServerFor, mcpResourceOf, oauthEnvOf, type OAuthProps } from './authorization-server.ts'

/**
 * The registered name of the AI client an OAuth access token stands for: the library loads the token,
 * checks its audience is this relay's /mcp (RFC 8707) and returns what the admin's approval stored.
 * The token goes no further: tools read the vendors with the relay's own keys.
 */
export async function oauthClientName(c: Context<AppEnv>, token: string): Promise<string | null> {
  const env = oauthEnvOf(c.env, c.req.url)
  if (!env) return null
  const validated = await authorizationServerFor(c.req.url).validateToken<OAuthProps>(mcpResourceOf(c.req.url), token, env)
  return validated?.props?.name ?? null
}
