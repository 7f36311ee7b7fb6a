import type { Context } from 'hono'
import { accessCookieOf, accessTokenOf, cookieRequestAllowed, verifyAccessToken } from '../auth/access-jwt.ts'
import { agentDirectoryFor } from '../auth/agent-directory.ts'
import type { AppEnv } from '../env.ts'
import { sha256Hex } from '../sha256.ts'

/**
 * The admin approving a client, by the credential the relay already uses for admins: an AGENT_TOKENS
 * entry with the role `admin` (typed into the approval form, never kept), or in Access mode the admin's
 * Cloudflare Access sign-in. Null for anyone else.
 */
export async function approvingAdmin(c: Context<AppEnv>, typedToken: string | undefined): Promise<string | null> {
  const config = c.get('config')
  if (config.auth.mode === 'access') return accessAdmin(c)
  if (!typedToken) return null
  const agent = (await agentDirectoryFor(config)).byHash.get(await sha256Hex(typedToken))
  return agent?.roles.includes('admin') ? agent.name : null
}

async function accessAdmin(c: Context<AppEnv>): Promise<string | null> {
  const config = c.get('config')
  const settings = config.auth.access
  const token = accessTokenOf(c.req.header('cf-access-jwt-assertion'), c.req.header('cookie'))
  if (!settings || !token) return null
  // A cookie rides along with any cross-site form post: only the relay's own page may use it.
  if (
    accessCookieOf(c.req.header('cookie')) &&
    !cookieRequestAllowed(c.req.header('origin'), c.req.header('sec-fetch-site'), config.allowedOrigins)
  )
    return null
  const agent = await verifyAccessToken(token, settings).catch(() => null)
  return agent?.roles.includes('admin') ? agent.name : null
}
