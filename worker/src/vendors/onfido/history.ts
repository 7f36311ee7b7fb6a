import type { LookupFound } from '@idv-lens/shared/api'
import { canonicalQuery } from '../../kit/query.ts'
import type { VendorHistory } from '../../kit/vendor.ts'
import { keptRunPage } from './paging.ts'
import { summarizeOnfidoRun } from './summary.ts'
import type { OnfidoRunPage } from './types.ts'

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/** An applicant ID is a UUID (docs/vendors/onfido.md §2): no other reference ID is asked of Onfido. */
export const isApplicantId = (referenceId: string): boolean => UUID.test(referenceId)

/**
 * An applicant's runs (the reference ID is Onfido's `applicant_id`, a UUID): ONE list call, newest
 * first as Onfido lists them (docs/vendors/onfido.md §2), kept as the list route keeps a page. More
 * than the page (`X-Total-Count`) makes it incomplete.
 */
export const onfidoHistory: VendorHistory = async (t, referenceId, max) => {
  const query = { applicant_id: referenceId.toLowerCase() }
  const page = await t.get<OnfidoRunPage>({
    provider: 'onfido',
    path: 'workflow_runs',
    query: canonicalQuery(query),
    relayed: { route: '/v1/onfido/workflow_runs', shape: 'list', transform: keptRunPage(query) },
  })
  const found: LookupFound[] = []
  let invalid = false
  for (const run of page.runs.slice(0, max)) {
    try {
      found.push(summarizeOnfidoRun(run))
    } catch {
      invalid = true
    }
  }
  const complete = page.total !== null && page.total <= Math.min(max, page.runs.length) && !invalid
  return { found, complete, ...(invalid ? { failure: 'upstream-invalid' } : {}) }
}
