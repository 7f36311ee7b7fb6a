/** `GET /v1/me`: who the relay takes this agent for, its roles, and the actions it may call (the extension shows only those). */
import { Hono } from 'hono'
import { ACTION_NAMES, type MeResponse } from '@idv-lens/shared/api'
import type { AppEnv } from '../env.ts'
import { okBody } from '../middleware/ok-body.ts'
import { MeResponseSchema } from '../contract/schemas.ts'
import { mayCall } from '../middleware/action-allowed.ts'

export const meRoutes = new Hono<AppEnv>().get('/', okBody(MeResponseSchema), (c) => {
  const config = c.get('config')
  const body: MeResponse = {
    agent: c.get('agent') ?? 'anonymous',
    roles: c.get('roles') ?? [],
    actions: ACTION_NAMES.filter((action) => mayCall(c, action)),
    linkRequiresRequesterMatch: config.actions.linkRequiresRequesterMatch,
    // The assignee by the name the admin gave it: its email stays in the relay.
    flagged: { ...config.flagged, assignee: config.flagged.assignee?.name ?? null },
  }
  return c.json(body, 200)
})
