import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { zValidator } from '@hono/zod-validator'
import type { ClientInfo, OAuthHelpers } from '@cloudflare/workers-oauth-provider'
import { z } from 'zod'
import { agentDirectoryFor } from '../auth/agent-directory.ts'
import { isAgentName } from '../config/agent-tokens.ts'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../errors.ts'
import { authorizationServerFor, oauthEnvOf } from './authorization-server.ts'

const registration = z
  .object({
    name: z.string().refine(isAgentName, 'must be letters, digits, . _ @ -, at most 64 (it names the AI client in the audit)'),
    redirect_uris: z.array(z.string().url().max(2000)).min(1).max(10),
  })
  .strict()

/** Admins only, with OAuth on; the library's helpers for this origin. */
function adminHelpers(c: Context<AppEnv>): OAuthHelpers {
  if (c.get('role') !== 'admin') throw new ApiError('forbidden', 'Only an admin can manage OAuth clients.')
  const env = oauthEnvOf(c.env, c.req.url)
  if (!env) throw new ApiError('misconfigured', 'OAuth is off on this relay: bind the OAUTH_KV namespace (wrangler.toml).')
  return authorizationServerFor(c.req.url).getOAuthApi(env)
}

/** The registered clients' names (AI principals, like `ai` tokens); none while OAuth is off. */
export async function oauthClientNames(c: Context<AppEnv>): Promise<string[]> {
  const env = oauthEnvOf(c.env, c.req.url)
  if (!env) return []
  const clients = (await authorizationServerFor(c.req.url).getOAuthApi(env).listClients({ limit: 1000 })).items
  return clients.flatMap((client) => (client.clientName ? [client.clientName] : []))
}

const summary = (client: ClientInfo) => ({
  client_id: client.clientId,
  name: client.clientName ?? null,
  redirect_uris: client.redirectUris,
  registered_at: client.registrationDate ?? null,
})

/** A name an agent or another client already has would merge their audit rows and budgets. */
async function assertNameFree(c: Context<AppEnv>, oauth: OAuthHelpers, name: string): Promise<void> {
  const agents = [...(await agentDirectoryFor(c.get('config'))).byHash.values()]
  const clients = (await oauth.listClients({ limit: 1000 })).items
  if (agents.some((a) => a.name === name) || clients.some((client) => client.clientName === name)) {
    throw new ApiError('bad-request', `The name ${name} is taken by an agent or another client.`, { parameter: 'name' })
  }
}

/**
 * `/v1/admin/oauth-clients`: an admin registers a helpdesk's AI client (its name, its redirect URIs) and
 * gets its client ID and secret once; lists them; removes one, which revokes its grants. There is no
 * open registration endpoint (docs/mcp.md).
 */
export const oauthClientRoutes = new Hono<AppEnv>()
  .post(
    '/oauth-clients',
    bodyLimit({
      maxSize: 16 * 1024,
      onError: () => {
        throw new ApiError('payload-too-large', 'The registration is too large.')
      },
    }),
    zValidator('json', registration, (result) => {
      if (!result.success)
        throw new ApiError(
          'bad-request',
          `Invalid registration: ${result.error.issues[0]?.path.join('.')} ${result.error.issues[0]?.message}`,
        )
    }),
    async (c) => {
      const oauth = adminHelpers(c)
      const { name, redirect_uris } = c.req.valid('json')
      await assertNameFree(c, oauth, name)
      const client = await oauth.createClient({
        clientName: name,
        redirectUris: redirect_uris,
        tokenEndpointAuthMethod: 'client_secret_basic',
        grantTypes: ['authorization_code', 'refresh_token'],
        responseTypes: ['code'],
      })
      return c.json({ ...summary(client), client_secret: client.clientSecret }, 201, { 'cache-control': 'no-store' })
    },
  )
  .get('/oauth-clients', async (c) => c.json({ data: (await adminHelpers(c).listClients({ limit: 1000 })).items.map(summary) }))
  .delete('/oauth-clients/:id', async (c) => {
    const oauth = adminHelpers(c)
    const id = c.req.param('id')
    if (!(await oauth.lookupClient(id))) throw new ApiError('not-found', 'No such OAuth client.')
    await oauth.deleteClient(id)
    return c.body(null, 204)
  })
