import { signal, type Signal } from '@preact/signals'
import type { HistoryResponse } from '@idv-lens/shared/api'
import type { AgentInfo, DetailSection, RelayResult, Send } from '../../kit/relay.ts'
import {
  createLinkAction,
  createRequesterCheck,
  createResource,
  historyFor,
  type LinkAction,
  type RequesterCheck,
  type Resource,
} from '../../kit/stores.ts'
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
export type OnfidoRunView = DetailModel & {
  main: Resource<OnfidoRun>
  reports: Resource<RunReports>
  history: Resource<HistoryResponse>
  /** What the relay lets this agent do (GET /v1/me): a new link, where it is offered. */
  me: Resource<AgentInfo>
  link: LinkAction
  /** The requester check: the relay compares the run's applicant; a match lets the link through where one is required. */
  requester: RequesterCheck
  focus: Signal<DetailSection | null>
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
  const history = historyFor(send, () => main.data.value?.customer_user_id || main.data.value?.applicant_id || null, now)
  const me = createResource(() => send('agentInfo', undefined), now)
  const requester = createRequesterCheck(send, id)
  // A match the agent made in the card for this record stands here too: no second check.
  void requester.recall()
  const link = createLinkAction({
    send,
    action: 'onfido-link',
    id,
    expiresInSeconds: ONFIDO_LINK_EXPIRY_SECONDS,
    guarded: () => me.data.value?.linkRequiresRequesterMatch !== false,
    requesterConfirmed: () => requester.answer.value?.result === 'match',
    now,
  })
  return {
    kind,
    id,
    main,
    reports,
    history,
    me,
    link,
    requester,
    focus: signal(null),
    // What waits for the run: its applicant.
    first: [me],
    after: [reports, history],
    idsShown: () => [],
    seen: () => {
      const data = main.data.value
      return data ? { status: data.status ?? null } : null
    },
  }
}
