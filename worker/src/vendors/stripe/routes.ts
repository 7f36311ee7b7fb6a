import { Hono } from 'hono'
import { isIdOfKind } from '@idv-lens/shared/ids'
import { type AppEnv, okBody, relay } from '../../kit/routes.ts'
import { canonicalQuery, querySchema, validId, validQuery } from '../../kit/query.ts'
import { StripeSessionListSchema, StripeVerificationReportSchema, StripeVerificationSessionSchema } from './contract.ts'
import { sessionListQuery } from './queries.ts'
import { stripeListAllowed } from './allowlist.ts'
import { stripeReportRead, stripeSessionRead } from './relayed.ts'
import type { StripeList, StripeVerificationReport, StripeVerificationSession } from './types.ts'

const sessionId = validId((v) => isIdOfKind(v, 'stripe-verification-session'), 'a Stripe verification session ID (vs_...)')
const reportId = validId((v) => isIdOfKind(v, 'stripe-verification-report'), 'a Stripe verification report ID (vr_...)')
// Stripe's retrieve takes `expand[]` only, which would bring a report into a session: the relay takes none.
const noQuery = validQuery(querySchema({}))

/** Stripe Identity's read API mirrored under /v1/stripe, paths as Stripe's (docs/vendors/stripe.md §3). */
export const stripeRoutes = new Hono<AppEnv>()
  .get('/identity/verification_sessions', okBody(StripeSessionListSchema), validQuery(sessionListQuery), (c) =>
    relay<StripeList<StripeVerificationSession>>(c, {
      provider: 'stripe',
      path: 'verification_sessions',
      query: canonicalQuery(c.req.valid('query')),
      shape: 'list',
      // Only what allowlist.ts names is cached or sent; `url` becomes this route.
      transform: stripeListAllowed,
    }),
  )
  .get('/identity/verification_sessions/:id', okBody(StripeVerificationSessionSchema), sessionId, noQuery, (c) =>
    relay<StripeVerificationSession>(c, stripeSessionRead(c.req.valid('param').id)),
  )
  .get('/identity/verification_reports/:id', okBody(StripeVerificationReportSchema), reportId, noQuery, (c) =>
    relay<StripeVerificationReport>(c, stripeReportRead(c.req.valid('param').id)),
  )
