import type { RelayResult, Send } from '../../kit/relay.ts'
import { createPersonDetailParts, createResource, type PersonDetailParts, type Resource } from '../../kit/stores.ts'
import type { DetailContext, DetailModel } from '../vendor-view.ts'
import { ONFIDO_LINK_EXPIRY_SECONDS } from './onfido-actions.ts'
import type { OnfidoCheck, OnfidoReport, OnfidoRun } from './onfido-records.ts'

/** A run's reports, and whether a check of it was found at all. */
export type RunReports = { checks: number; reports: OnfidoReport[] }

/**
 * A run's detail: the run, its reports, and the customer's other attempts (GET /v1/history by its
 * `customer_user_id`, else its `applicant_id`). A run names no check (docs/vendors/onfido.md §3): its checks are the applicant's
 * made while it ran, between its creation and its last update.
 */
export type OnfidoRunView = DetailModel &
  PersonDetailParts & {
    main: Resource<OnfidoRun>
    reports: Resource<RunReports>
  }

const at = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NaN)

/** The applicant's checks made while the run ran (a check of a run that is still going counts from its start). */
export function checksOfRun(run: OnfidoRun, checks: readonly OnfidoCheck[]): OnfidoCheck[] {
  const start = at(run.created_at)
  const end = at(run.updated_at)
  return checks.filter((check) => {
    const made = at(check.created_at)
    return Number.isFinite(made) && Number.isFinite(start) && made >= start && (!Number.isFinite(end) || made <= end)
  })
}

type ListAnswer<T> = RelayResult<T>
const list = <T>(send: Send, name: string, query: Record<string, string>, refresh: boolean) =>
  send('listRecords', { list: name, query, refresh }) as Promise<ListAnswer<T>>

/** Reads the run's checks, then each one's reports; the first failure is the answer. */
async function readReports(send: Send, run: OnfidoRun | null, refresh: boolean, now: () => number): Promise<RelayResult<RunReports>> {
  const empty: RelayResult<RunReports> = { ok: true, data: { checks: 0, reports: [] }, freshness: null, receivedAt: now() }
  if (!run?.applicant_id) return empty
  const checks = await list<{ checks: OnfidoCheck[] }>(send, 'onfido-checks', { applicant_id: run.applicant_id }, refresh)
  if (!checks.ok) return checks
  const mine = checksOfRun(run, checks.data.checks)
  const answers = await Promise.all(
    mine.map((check) => list<{ reports: OnfidoReport[] }>(send, 'onfido-reports', { check_id: check.id }, refresh)),
  )
  const failed = answers.find((a) => !a.ok)
  if (failed && !failed.ok) return failed
  const reports = answers.flatMap((a) => (a.ok ? a.data.reports : []))
  return { ...checks, data: { checks: mine.length, reports } }
}

export function createOnfidoRunModel({ kind, id, send, now }: DetailContext): OnfidoRunView {
  const main = createResource((refresh) => send('getRecord', { kind, id, refresh }) as Promise<RelayResult<OnfidoRun>>, now)
  const reports = createResource((refresh) => readReports(send, main.data.value, refresh, now), now)
  const parts = createPersonDetailParts({
    send,
    id,
    now,
    action: 'onfido-link',
    expiresInSeconds: ONFIDO_LINK_EXPIRY_SECONDS,
    reference: () => main.data.value?.customer_user_id || main.data.value?.applicant_id || null,
  })
  return {
    kind,
    id,
    main,
    reports,
    ...parts,
    // What waits for the run: its applicant.
    first: [parts.me],
    after: [reports, parts.history],
    idsShown: () => [],
    seen: () => {
      const data = main.data.value
      return data ? { status: data.status ?? null } : null
    },
  }
}
