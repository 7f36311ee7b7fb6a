import type { Query } from '../../kit/relay.ts'
import type { Page, VendorList } from '../vendor.ts'
import type { OnfidoCheck, OnfidoReport, OnfidoRun } from './onfido-records.ts'

/**
 * Onfido pages its runs by number (`page`, docs/vendors/onfido.md §2); the relay keeps its `Link`
 * header, which no list reads. A page with runs may have a next one; an empty page ends the list.
 * Onfido documents no page size, so a short page cannot be told from the last.
 */
export function onfidoPage(runs: OnfidoRun[], query: Query): Page<OnfidoRun> {
  const page = Number(query.page ?? '1')
  return { items: runs, cursor: runs.length > 0 && Number.isSafeInteger(page) ? String(page + 1) : null }
}

/** Onfido takes no page size: only the page's number. */
export const onfidoPageQuery = (_size: number, cursor: string | null): Query => (cursor ? { page: cursor } : {})

/** Onfido's workflow runs, newest first. The side panel only: the popup's one row of tabs is full. */
export const onfidoRuns: VendorList<OnfidoRun[], OnfidoRun> = {
  key: 'onfido',
  tab: 'tabOnfido',
  panelOnly: true,
  call: (query) => (c, o) => c.v1.onfido.workflow_runs.$get({ query }, o),
  page: onfidoPage,
  pageQuery: onfidoPageQuery,
  defaultFilters: {},
}

/** A check's reports (`check_id`): no tab, a run's detail shows them. */
export const onfidoReports: VendorList<{ reports: OnfidoReport[] }, OnfidoReport> = {
  key: 'onfido-reports',
  tab: null,
  call: (query) => (c, o) => c.v1.onfido.reports.$get({ query }, o),
  page: (d) => ({ items: d.reports, cursor: null }),
  pageQuery: () => ({}),
  defaultFilters: {},
}

/** An applicant's checks (`applicant_id`): no tab, a run's detail finds its own among them. */
export const onfidoChecks: VendorList<{ checks: OnfidoCheck[] }, OnfidoCheck> = {
  key: 'onfido-checks',
  tab: null,
  call: (query) => (c, o) => c.v1.onfido.checks.$get({ query }, o),
  page: (d) => ({ items: d.checks, cursor: null }),
  pageQuery: () => ({}),
  defaultFilters: {},
}
