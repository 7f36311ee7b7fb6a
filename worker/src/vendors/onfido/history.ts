import type { LookupFound } from '@idv-lens/shared/api'
import { ApiError } from '../../kit/errors.ts'
import type { LookupTools } from '../../kit/lookup.ts'
import { canonicalQuery } from '../../kit/query.ts'
import type { HistoryPart, VendorHistory } from '../../kit/vendor.ts'
import { LOOKUP_REPORT_READS_PER_BATCH } from './lookup.ts'
import { keptRunPage } from './paging.ts'
import { readsReports, reportReason } from './report-reason.ts'
import { summarizeOnfidoRun } from './summary.ts'
import type { OnfidoRunPage, OnfidoWorkflowRun } from './types.ts'

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/** An applicant ID is a UUID (docs/vendors/onfido.md §2): its runs are listed by `applicant_id`. */
export const isApplicantId = (referenceId: string): boolean => UUID.test(referenceId)

/**
 * The newest pages of runs read for a customer reference: Onfido lists runs by applicant, never by
 * `customer_user_id` (docs/vendors/onfido.md §2), so the relay matches it in the newest 100 runs (five
 * calls, each the list route's cached page), then lists each matched applicant's runs.
 */
export const CUSTOMER_SCAN_PAGES = 5
/** The most applicants one customer reference's runs are followed to (one call each). */
const MAX_APPLICANTS = 2

/** One page of runs, read through the list route's cache entry for the same query. */
function runPage(t: LookupTools, query: Record<string, string>): Promise<OnfidoRunPage> {
  return t.get<OnfidoRunPage>({
    provider: 'onfido',
    path: 'workflow_runs',
    query: canonicalQuery(query),
    relayed: { route: '/v1/onfido/workflow_runs', shape: 'list', transform: keptRunPage(query) },
  })
}

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

/** Runs (any order, repeats allowed) as the history's part: newest first, at most `max`, summarised. */
async function partOf(t: LookupTools, runs: OnfidoWorkflowRun[], max: number, complete: boolean): Promise<HistoryPart> {
  const unique = [...new Map(runs.map((run) => [run.id, run])).values()]
  unique.sort((a, b) => (Date.parse(b.created_at ?? '') || 0) - (Date.parse(a.created_at ?? '') || 0))
  const summaries: [OnfidoWorkflowRun, LookupFound][] = []
  let invalid = false
  for (const run of unique.slice(0, max)) {
    try {
      summaries.push([run, summarizeOnfidoRun(run)])
    } catch {
      invalid = true
    }
  }
  const failure = invalid ? 'upstream-invalid' : await withReportReasons(t, summaries)
  return {
    found: summaries.map(([, summary]) => summary),
    complete: complete && unique.length <= max && !invalid,
    ...(failure ? { failure } : {}),
  }
}

/** An applicant's runs: ONE list call, complete when its total fits the page. */
async function applicantRuns(t: LookupTools, applicantId: string): Promise<{ runs: OnfidoWorkflowRun[]; complete: boolean }> {
  const page = await runPage(t, { applicant_id: applicantId.toLowerCase() })
  return { runs: page.runs, complete: page.total !== null && page.total <= page.runs.length }
}

/** The newest runs whose `customer_user_id` is the reference, and whether every run was read. */
async function customerRuns(t: LookupTools, referenceId: string): Promise<{ runs: OnfidoWorkflowRun[]; complete: boolean }> {
  const runs: OnfidoWorkflowRun[] = []
  for (let page = 1; page <= CUSTOMER_SCAN_PAGES; page++) {
    const read = await runPage(t, page === 1 ? {} : { page: String(page) })
    runs.push(...read.runs.filter((run) => run.customer_user_id === referenceId))
    if (read.runs.length === 0 || !read.link?.includes('rel="next"')) return { runs, complete: true }
  }
  return { runs, complete: false }
}

/**
 * A reference's runs, newest first. An applicant ID: that applicant's runs. Any other reference: the
 * runs among the newest whose `customer_user_id` it is, and every run of their applicants (a person's
 * older runs, and runs made without the reference). Incomplete when runs were left unread.
 */
export const onfidoHistory: VendorHistory = async (t, referenceId, max) => {
  if (isApplicantId(referenceId)) {
    const own = await applicantRuns(t, referenceId)
    return partOf(t, own.runs, max, own.complete)
  }
  const matched = await customerRuns(t, referenceId)
  const applicants = [...new Set(matched.runs.map((run) => run.applicant_id).filter((id) => typeof id === 'string' && UUID.test(id)))]
  const followed = await Promise.all(applicants.slice(0, MAX_APPLICANTS).map((id) => applicantRuns(t, id)))
  const complete = matched.complete && applicants.length <= MAX_APPLICANTS && followed.every((f) => f.complete)
  return partOf(t, [...matched.runs, ...followed.flatMap((f) => f.runs)], max, complete)
}
