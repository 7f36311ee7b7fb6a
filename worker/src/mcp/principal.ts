import type { Context } from 'hono'
import { bearerAuthChallengeResponse, OAuthError, OAuthErrorCode } from '@modelcontextprotocol/server'
import type { AgentRole } from '@idv-lens/shared/api'
import { agentDirectoryFor } from '../auth/agent-directory.ts'
import type { AppEnv } from '../env.ts'
import { sha256Hex } from '../sha256.ts'
import { oauthClientName } from '../oauth/token-principal.ts'

/** Who calls `/mcp`: an agent's own assistant (its agent token) or a helpdesk's AI client (role `ai`). */
export type McpPrincipal = { name: string; roles: AgentRole[]; ai: boolean }

// Any visible characters: the OAuth library's tokens hold colons (`<user>:<grant>:<secret>`).
const BEARER = /^Bearer +([\x21-\x7e]{1,512}) *$/i

/**
 * The caller of this request, read afresh on every request: an AGENT_TOKENS entry (a token removed from
 * the configuration is refused on the next call), else an OAuth access token issued for this relay's
 * /mcp. Null for a missing, malformed or unknown token, or one issued for another resource.
 */
export async function principalOf(c: Context<AppEnv>): Promise<McpPrincipal | null> {
  const token = BEARER.exec(c.req.header('authorization') ?? '')?.[1]
  if (!token) return null
  const agent = (await agentDirectoryFor(c.get('config'))).byHash.get(await sha256Hex(token))
  if (agent) return { name: agent.name, roles: agent.roles, ai: agent.roles.includes('ai') }
  // An OAuth client is always an `ai` principal, under the name the admin registered it with.
  const client = await oauthClientName(c, token)
  return client ? { name: client, roles: ['ai'], ai: true } : null
}

/** The RFC 9728 metadata document of this relay's MCP endpoint, on the request's own origin. */
export const protectedResourceMetadataUrl = (url: string): string => `${new URL(url).origin}/.well-known/oauth-protected-resource/mcp`

/** `401` with the challenge that points a client at the metadata (MCP authorization, RFC 9728 §5.1), built by the SDK. */
export function unauthorized(url: string): Response {
  const error = new OAuthError(OAuthErrorCode.InvalidToken, 'Send an agent token or an ai token as Authorization: Bearer <token>.')
  return bearerAuthChallengeResponse(error, { resourceMetadataUrl: protectedResourceMetadataUrl(url) })
}
