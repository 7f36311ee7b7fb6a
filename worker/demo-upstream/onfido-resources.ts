/**
 * Onfido's reads (docs/vendors/onfido.md §2, §3): workflow runs listed by page number, newest first
 * unless `sort=asc`, with the `Link` and `X-Total-Count` headers; a run, an applicant, a check, a
 * report, and a check's reports.
 */
import { onfidoErrors } from './onfido-errors.ts'
import type { OnfidoDataset } from './onfido-seed.ts'
import { ONFIDO_RUN_STATUSES, type OnfidoWorkflowRun } from './onfido-types.ts'

/** Runs per page. Onfido documents no page size for this list; 20 is its other lists' default (a demo choice). */
export const ONFIDO_PAGE_SIZE = 20
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DATE = /^\d{4}-\d{2}-\d{2}$/

type Page = { body: OnfidoWorkflowRun[]; headers: Record<string, string> }

function filterOf(params: URLSearchParams): (run: OnfidoWorkflowRun) => boolean {
  const statuses = params.get('status')?.split(',')
  for (const status of statuses ?? [])
    if (!(ONFIDO_RUN_STATUSES as readonly string[]).includes(status))
      throw onfidoErrors.invalid('status', `must be one of ${ONFIDO_RUN_STATUSES.join(', ')}`)
  const bound = (name: string) => {
    const value = params.get(name)
    if (value === null) return null
    if (!DATE.test(value) || Number.isNaN(Date.parse(value))) throw onfidoErrors.invalid(name, 'must be a date (YYYY-MM-DD)')
    return value
  }
  const after = bound('created_at_gt')
  const before = bound('created_at_lt')
  const applicant = params.get('applicant_id')
  const tags = params.getAll('tags[]').concat(params.getAll('tags'))
  return (run) =>
    (!statuses || statuses.includes(run.status)) &&
    (after === null || run.created_at.slice(0, 10) > after) &&
    (before === null || run.created_at.slice(0, 10) < before) &&
    (applicant === null || run.applicant_id === applicant) &&
    tags.every((tag) => run.tags.includes(tag))
}

/** `<…?page=2>; rel="next", …` for the pages around `page`, on the URL the caller asked. */
function linkHeader(url: URL, page: number, last: number): string {
  const at = (n: number) => {
    const next = new URL(url)
    next.searchParams.set('page', String(n))
    return `<${next}>`
  }
  const links = [`${at(1)}; rel="first"`, `${at(last)}; rel="last"`]
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`)
  if (page < last) links.push(`${at(page + 1)}; rel="next"`)
  return links.join(', ')
}

export function listRuns(data: OnfidoDataset, url: URL): Page {
  const params = url.searchParams
  const pageText = params.get('page') ?? '1'
  const page = Number(pageText)
  if (!/^\d+$/.test(pageText) || page < 1) throw onfidoErrors.invalid('page', 'must be a positive integer')
  const sort = params.get('sort') ?? 'desc'
  if (sort !== 'desc' && sort !== 'asc') throw onfidoErrors.invalid('sort', 'must be one of desc, asc')
  const matching = data.runs.filter(filterOf(params))
  const ordered = sort === 'asc' ? [...matching].reverse() : matching
  const last = Math.max(1, Math.ceil(ordered.length / ONFIDO_PAGE_SIZE))
  return {
    body: ordered.slice((page - 1) * ONFIDO_PAGE_SIZE, page * ONFIDO_PAGE_SIZE),
    headers: { link: linkHeader(url, page, last), 'x-total-count': String(ordered.length) },
  }
}

function byId<T>(items: ReadonlyMap<string, T>, id: string): T {
  const found = UUID.test(id) ? items.get(id.toLowerCase()) : undefined
  if (!found) throw onfidoErrors.notFound()
  return found
}

export const retrieveRun = (data: OnfidoDataset, id: string) => byId(data.runsById, id)
export const retrieveApplicant = (data: OnfidoDataset, id: string) => byId(data.applicants, id)
export const retrieveCheck = (data: OnfidoDataset, id: string) => byId(data.checks, id)
export const retrieveReport = (data: OnfidoDataset, id: string) => byId(data.reports, id)

/** `GET /checks?applicant_id=`: the applicant's checks, newest first (Onfido's List Checks). */
export function listChecks(data: OnfidoDataset, applicantId: string | undefined) {
  if (!applicantId) throw onfidoErrors.invalid('applicant_id', 'is missing')
  if (!UUID.test(applicantId)) throw onfidoErrors.invalid('applicant_id', 'must be a UUID')
  const checks = [...data.checks.values()].filter((check) => check.applicant_id === applicantId.toLowerCase())
  return { checks: checks.sort((a, b) => b.created_at.localeCompare(a.created_at)) }
}

export function listReports(data: OnfidoDataset, checkId: string | undefined) {
  if (!checkId) throw onfidoErrors.invalid('check_id', 'is missing')
  const check = byId(data.checks, checkId)
  return { reports: check.report_ids.map((id) => data.reports.get(id)!) }
}
