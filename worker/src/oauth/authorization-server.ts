import { OAuthAuthorizationServer } from '@cloudflare/workers-oauth-provider'
import type { Bindings } from '../bindings.ts'

/** The Worker's bindings as the OAuth library reads them: its clients, grants and tokens live in OAUTH_KV. */
export type OAuthEnv = Bindings

/** What an approval stores with the grant, and a token's validation hands back: the client's registered name. */
export type OAuthProps = { name: string }

export const AUTHORIZE_PATH = '/oauth/authorize'
export const TOKEN_PATH = '/oauth/token'

/** The one resource this relay's tokens are for: its MCP endpoint on the request's own origin (RFC 8707). */
export const mcpResourceOf = (url: string): string => `${new URL(url).origin}/mcp`

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/

/**
 * The bindings when OAuth is on for this request: OAUTH_KV is bound (the library keeps everything
 * there) and the origin can be an issuer (https, or http on a loopback host as under wrangler dev).
 */
export function oauthEnvOf(env: Bindings | undefined, url: string): OAuthEnv | null {
  const { protocol, hostname } = new URL(url)
  const issuerAllowed = protocol === 'https:' || (protocol === 'http:' && LOOPBACK.test(hostname))
  return env?.OAUTH_KV && issuerAllowed ? env : null
}

/**
 * The authorization server (@cloudflare/workers-oauth-provider) for the request's origin: that origin is
 * the issuer and `/mcp` on it the only resource, so a token minted for another origin's resource is refused.
 * No registration endpoint: clients are registered by an admin only (oauth/client-routes.ts). The library
 * has no client-credentials grant (1.2.3): authorization code with PKCE S256, and refresh.
 */
export function authorizationServerFor(url: string): OAuthAuthorizationServer<OAuthEnv> {
  const issuer = new URL(url).origin
  return new OAuthAuthorizationServer<OAuthEnv>({
    issuer,
    resources: [mcpResourceOf(url)],
    authorizeEndpoint: `${issuer}${AUTHORIZE_PATH}`,
    tokenEndpoint: `${issuer}${TOKEN_PATH}`,
    // Helpdesk agents reconnect for weeks: a refreshed grant lives while used, and ends 30 days after its last use.
    refreshTokenIdleTTL: 30 * 24 * 3600,
  })
}
