import type { LookupFound } from '@idv-lens/shared/api'
import { ApiError } from '../../kit/errors.ts'
import type { LookupTools } from '../../kit/lookup.ts'
import { canonicalQuery } from '../../kit/query.ts'
import type { VendorHistory } from '../../kit/vendor.ts'
import { LOOKUP_REPORT_READS_PER_BATCH } from './lookup.ts'
import { keptRunPage } from './paging.ts'
import { readsReports, reportReason } from './report-reason.ts'
import { summarizeOnfidoRun } from './summary.ts'
import type { OnfidoRunPage, OnfidoWorkflowRun } from './types.ts'

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/** An applicant ID is a UUID (docs/vendors/onfido.md §2): no other reference ID is asked of Onfido. */
export const isApplicantId = (referenceId: string): boolean => UUID.test(referenceId)

/**
 * An applicant's runs (the reference ID is Onfido's `applicant_id`, a UUID): ONE list call, newest
 * first as Onfido lists them (docs/vendors/onfido.md §2), kept as the list route keeps a page. More
 * than the page (`X-Total-Count`) makes it incomplete.
 */
/**
 * The reasons of declined runs without `reasons`, from their reports, as many as a lookup batch reads
 * (lookup.ts); the code of the first failed read, which leaves that reason out (not-found: there is none).
 */
async function withReportReasons(t: LookupTools, summaries: [OnfidoWorkflowRun, LookupFound][]): Promise<string | undefined> {
  let failure: string | undefined
  const asked = summaries.filter(([run]) => readsReports(run)).slice(0, LOOKUP_REPORT_READS_PER_BATCH)
  await Promise.all(
    asked.map(async (pair) => {
      try {
        pair[1] = { ...pair[1], reason: await reportReason(t, pair[0]) }
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 'not-found')) failure ??= err instanceof ApiError ? err.code : 'internal'
      }
    }),
  )
  return failure
}

export const onfidoHistory: VendorHistory = async (t, referenceId, max) => {
  const query = { applicant_id: referenceId.toLowerCase() }
  const page = await t.get<OnfidoRunPage>({
    provider: 'onfido',
    path: 'workflow_runs',
    query: canonicalQuery(query),
    relayed: { route: '/v1/onfido/workflow_runs', shape: 'list', transform: keptRunPage(query) },
  })
  const summaries: [OnfidoWorkflowRun, LookupFound][] = []
  let invalid = false
  for (const run of page.runs.slice(0, max)) {
    try {
      summaries.push([run, summarizeOnfidoRun(run)])
    } catch {
      invalid = true
    }
  }
  const failure = invalid ? 'upstream-invalid' : await withReportReasons(t, summaries)
  const complete = page.total !== null && page.total <= Math.min(max, page.runs.length) && !invalid
  return { found: summaries.map(([, summary]) => summary), complete, ...(failure ? { failure } : {}) }
}
