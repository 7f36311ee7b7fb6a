import type { MiddlewareHandler } from 'hono'
import { bearerAuth } from 'hono/bearer-auth'
import { timingSafeEqual } from 'hono/utils/buffer'
import type { AppEnv } from '../env.ts'
import { ApiError, problemResponse } from '../errors.ts'

/**
 * `Authorization: Bearer <agent token>` against AGENT_TOKENS, compared in constant time. Every
 * refusal is the same 401 problem with `WWW-Authenticate: Bearer`, whatever was wrong with it.
 */
export const agentAuth: MiddlewareHandler<AppEnv> = (c, next) => {
  const refuse = (detail: string) => () => problemResponse(c, new ApiError('unauthorized', detail))
  return bearerAuth<AppEnv>({
    realm: 'idv-lens',
    async verifyToken(token, c) {
      let agent: string | undefined
      // Compare against every token (no early exit) so timing does not tell how many matched.
      for (const [candidate, name] of c.get('config').agents) {
        if (await timingSafeEqual(candidate, token)) agent = name
      }
      if (agent) c.set('agent', agent)
      return agent !== undefined
    },
    noAuthenticationHeader: { message: refuse('Send the agent token as Authorization: Bearer <token>.') },
    invalidAuthenticationHeader: { message: refuse('The Authorization header must be Bearer <token>.') },
    invalidToken: { message: refuse('This agent token is not accepted by the relay.') },
  })(c, next)
}
