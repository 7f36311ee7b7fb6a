import { Hono } from 'hono'
import type { SumsubApplicant } from '@idv-lens/shared/api'
import { type AppEnv, okBody, relay } from '../../kit/routes.ts'
import { querySchema, validId, validQuery } from '../../kit/query.ts'
import { sumsubActionRoutes } from './actions.ts'
import { sumsubApplicantAllowed } from './allowlist.ts'
import { SumsubApplicantSchema } from './contract.ts'
import { isSumsubApplicantId } from './ids.ts'
import type { SumsubApplicant as RawApplicant } from './types.ts'

const applicantId = validId(isSumsubApplicantId, 'a Sumsub applicant ID (24 hexadecimal characters)')

/** `/v1/sumsub`: an applicant by its ID (docs/vendors/sumsub.md §2), allowed, and its new link. */
export const sumsubRoutes = new Hono<AppEnv>()
  .get('/applicants/:id', okBody(SumsubApplicantSchema), applicantId, validQuery(querySchema({})), (c) =>
    relay<SumsubApplicant>(c, {
      provider: 'sumsub',
      path: `resources/applicants/${c.req.valid('param').id.toLowerCase()}/one`,
      query: '',
      shape: 'object',
      transform: (body: RawApplicant) => sumsubApplicantAllowed(body),
    }),
  )
  .route('/', sumsubActionRoutes)
