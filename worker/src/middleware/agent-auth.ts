import type { Context, MiddlewareHandler } from 'hono'
import { bearerAuth } from 'hono/bearer-auth'
import { agentDirectoryFor, agentProblems } from '../auth/agent-directory.ts'
import { sha256Hex } from '../sha256.ts'
import { misconfigured } from '../config/refusals.ts'
import type { AppEnv } from '../env.ts'
import { accessAuth } from './access-auth.ts'
import { ApiError } from '../errors.ts'
import { problemResponse } from './problem-response.ts'
import { oauthClientName } from '../oauth/token-principal.ts'

/**
 * An OAuth access token, `<user>:<grant>:<secret>` as the library makes them: never an AGENT_TOKENS
 * token (those hold no colon), and not one bearerAuth takes. Any other header costs no KV read.
 */
const OAUTH_BEARER = /^Bearer +([^:\s]{1,256}:[^:\s]{1,256}:[^:\s]{1,256}) *$/i

const AI_REFUSAL = 'This token belongs to an AI client: it calls /mcp only.'

/**
 * `Authorization: Bearer <agent token>` against AGENT_TOKENS: the presented token is hashed once and
 * looked up (SHA-256 of a random 32+ character token: the lookup's timing tells nothing useful).
 * Every refusal is the same 401 problem with `WWW-Authenticate: Bearer`, whatever was wrong with it,
 * except when AGENT_TOKENS has entries the relay had to leave out: then an unknown token may be one
 * of them, and the answer is a 503 that tells the administrator what to fix.
 */
export const agentAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('config').auth.mode === 'access') return accessAuth(c, next)
  // An OAuth client is an AI client: /v1 refuses it under its name, as an `ai` token.
  const oauth = OAUTH_BEARER.exec(c.req.header('authorization') ?? '')?.[1]
  const client = oauth ? await oauthClientName(c, oauth) : null
  if (client) refuseAiClient(c, client)
  const refuse = (detail: string) => () => problemResponse(c, new ApiError('unauthorized', detail))
  return bearerAuth<AppEnv>({
    realm: 'idv-lens',
    async verifyToken(token, c) {
      const config = c.get('config')
      const agent = (await agentDirectoryFor(config)).byHash.get(await sha256Hex(token))
      // An AI client's token opens /mcp only, where its calls are audited per tool and held to the AI share;
      // here it is refused, and audited under the client's name (never the token).
      if (agent?.roles.includes('ai')) refuseAiClient(c, agent.name)
      if (agent) {
        c.set('agent', agent.name)
        c.set('role', agent.role)
        c.set('roles', agent.roles)
        return true
      }
      const problems = await agentProblems(config)
      if (problems.length) throw misconfigured(problems)
      return false
    },
    noAuthenticationHeader: { message: refuse('Send the agent token as Authorization: Bearer <token>.') },
    invalidAuthenticationHeader: { message: refuse('The Authorization header must be Bearer <token>.') },
    invalidToken: { message: refuse('This agent token is not accepted by the relay.') },
  })(c, next)
}

function refuseAiClient(c: Context<AppEnv>, name: string): never {
  c.set('agent', name)
  c.set('aiClient', true)
  throw new ApiError('forbidden', AI_REFUSAL)
}
