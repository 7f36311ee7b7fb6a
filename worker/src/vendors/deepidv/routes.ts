import { Hono } from 'hono'
import { canonicalId, isIdOfKind } from '@idv-lens/shared/ids'
import type { DeepidvSession, DeepidvSessionList } from '@idv-lens/shared/api'
import { type AppEnv, okBody, relay } from '../../kit/routes.ts'
import { canonicalQuery, intInRange, isoDate, oneOf, querySchema, satisfying, validId, validQuery } from '../../kit/query.ts'
import { DeepidvSessionListSchema, DeepidvSessionSchema } from './contract.ts'
import { deepidvListAllowed, deepidvSessionAllowed } from './allowlist.ts'

/** deepidv's documented list parameters (docs/vendors/deepidv.md §3). */
const sessionListQuery = querySchema({
  limit: intInRange(1, 500),
  // Opaque cursor from the previous page (base64 of a key in practice); only its alphabet is checked.
  next_token: satisfying((v) => /^[A-Za-z0-9+/_=-]{1,2048}$/.test(v), 'the next_token of a previous page'),
  start_date: isoDate(),
  end_date: isoDate(),
  by_organization: oneOf(['true', 'false']),
  external_id: satisfying((v) => v.length <= 255 && !/[\u0000-\u001f]/.test(v), 'at most 255 printable characters'),
  workflow_id: satisfying((v) => /^[A-Za-z0-9_-]{1,100}$/.test(v), 'a workflow ID'),
})

const sessionId = validId((v) => isIdOfKind(v, 'deepidv-session'), 'a deepidv session ID (a UUID)')

export const deepidvRoutes = new Hono<AppEnv>()
  .get('/sessions', okBody(DeepidvSessionListSchema), validQuery(sessionListQuery), (c) =>
    relay<DeepidvSessionList>(c, {
      provider: 'deepidv',
      path: 'sessions',
      query: canonicalQuery(c.req.valid('query')),
      shape: 'list',
      // Only what allowlist.ts names is cached or sent.
      transform: deepidvListAllowed,
    }),
  )
  .get('/sessions/:id', okBody(DeepidvSessionSchema), sessionId, validQuery(querySchema({})), (c) =>
    relay<DeepidvSession>(c, {
      provider: 'deepidv',
      path: `sessions/${canonicalId(c.req.valid('param').id, 'deepidv-session')}`,
      query: '',
      shape: 'object',
      transform: deepidvSessionAllowed,
    }),
  )
