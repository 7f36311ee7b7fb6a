import { commaList, intInRange, oneOf, querySchema, satisfying } from '../../kit/query.ts'

/*
 * Exactly the list parameters the relay takes for `GET /workflow_runs` (docs/vendors/onfido.md §2):
 * anything else is refused here, before any upstream call.
 */

/** `workflow_run_status` (docs/vendors/onfido.md §3). */
export const ONFIDO_RUN_STATUSES = [
  'processing',
  'awaiting_input',
  'awaiting_client_input',
  'approved',
  'declined',
  'review',
  'abandoned',
  'error',
] as const

// The spec's `format: date`: a calendar day.
const day = satisfying((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)), 'a date, e.g. 2026-03-01')

export const runListQuery = querySchema({
  page: intInRange(1, 100_000),
  status: commaList(
    (v) => (ONFIDO_RUN_STATUSES as readonly string[]).includes(v),
    `statuses (${ONFIDO_RUN_STATUSES.join(', ')})`,
    ONFIDO_RUN_STATUSES.length,
  ),
  created_at_gt: day,
  created_at_lt: day,
  sort: oneOf(['desc', 'asc']),
})
