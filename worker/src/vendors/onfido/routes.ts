import { Hono } from 'hono'
import { type AppEnv, okBody, relay } from '../../kit/routes.ts'
import { canonicalQuery, querySchema, refineQuery, satisfying, validId, validQuery } from '../../kit/query.ts'
import {
  OnfidoCheckListSchema,
  OnfidoCheckSchema,
  OnfidoReportListSchema,
  OnfidoReportSchema,
  OnfidoWorkflowRunListSchema,
  OnfidoWorkflowRunSchema,
} from './contract.ts'
import { onfidoActionRoutes } from './actions.ts'
import { onfidoCheckAllowed, onfidoChecksAllowed, onfidoReportAllowed, onfidoReportsAllowed } from './allowlist.ts'
import { keptRunPage, runPageAnswer } from './paging.ts'
import { runListQuery } from './queries.ts'
import { onfidoRunRead } from './relayed.ts'
import type { OnfidoCheck, OnfidoCheckList, OnfidoReport, OnfidoReportList, OnfidoWorkflowRun } from './types.ts'

/** Onfido's IDs are UUIDs (docs/vendors/onfido.md §2), sent lower-cased (hex case means nothing). */
const isUuid = (v: string) => /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v)
const uuidId = (what: string) => validId(isUuid, `an Onfido ${what} ID (a UUID)`)
const noQuery = validQuery(querySchema({}))
const reportListQuery = refineQuery(querySchema({ check_id: satisfying(isUuid, 'an Onfido check ID (a UUID)') }), (query, ctx) => {
  if (!('check_id' in query)) ctx.addIssue({ code: 'custom', path: ['check_id'], message: 'is required' })
})
// A run names no check (docs/vendors/onfido.md §3): its detail finds its checks among the applicant's.
const checkListQuery = refineQuery(querySchema({ applicant_id: satisfying(isUuid, 'an Onfido applicant ID (a UUID)') }), (query, ctx) => {
  if (!('applicant_id' in query)) ctx.addIssue({ code: 'custom', path: ['applicant_id'], message: 'is required' })
})

/** Onfido's read API mirrored under /v1/onfido, paths as Onfido's (docs/vendors/onfido.md §2). */
export const onfidoRoutes = new Hono<AppEnv>()
  .get('/workflow_runs', okBody(OnfidoWorkflowRunListSchema), validQuery(runListQuery), (c) => {
    const query = c.req.valid('query') as Record<string, string>
    return relay<OnfidoWorkflowRun[]>(c, {
      provider: 'onfido',
      path: 'workflow_runs',
      query: canonicalQuery(query),
      shape: 'list',
      // Only what allowlist.ts names is cached or sent; the paging headers point at this route.
      transform: keptRunPage(query),
      answer: runPageAnswer,
    })
  })
  .get('/workflow_runs/:id', okBody(OnfidoWorkflowRunSchema), uuidId('workflow run'), noQuery, (c) =>
    relay<OnfidoWorkflowRun>(c, onfidoRunRead(c.req.valid('param').id)),
  )
  .get('/checks', okBody(OnfidoCheckListSchema), validQuery(checkListQuery), (c) => {
    const { applicant_id } = c.req.valid('query') as { applicant_id: string }
    return relay<OnfidoCheckList>(c, {
      provider: 'onfido',
      path: 'checks',
      query: canonicalQuery({ applicant_id: applicant_id.toLowerCase() }),
      shape: 'list',
      transform: onfidoChecksAllowed,
    })
  })
  .get('/checks/:id', okBody(OnfidoCheckSchema), uuidId('check'), noQuery, (c) =>
    relay<OnfidoCheck>(c, {
      provider: 'onfido',
      path: `checks/${c.req.valid('param').id.toLowerCase()}`,
      query: '',
      shape: 'object',
      transform: onfidoCheckAllowed,
    }),
  )
  .get('/reports/:id', okBody(OnfidoReportSchema), uuidId('report'), noQuery, (c) =>
    relay<OnfidoReport>(c, {
      provider: 'onfido',
      path: `reports/${c.req.valid('param').id.toLowerCase()}`,
      query: '',
      shape: 'object',
      transform: onfidoReportAllowed,
    }),
  )
  .get('/reports', okBody(OnfidoReportListSchema), validQuery(reportListQuery), (c) => {
    const { check_id } = c.req.valid('query') as { check_id: string }
    return relay<OnfidoReportList>(c, {
      provider: 'onfido',
      path: 'reports',
      query: canonicalQuery({ check_id: check_id.toLowerCase() }),
      shape: 'list',
      transform: onfidoReportsAllowed,
    })
  })
  .route('/', onfidoActionRoutes)
