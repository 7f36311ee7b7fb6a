import { signal, type Signal } from '@preact/signals'
import type {
  HistoryResponse,
  PersonaCase,
  PersonaEvent,
  PersonaInquiry,
  PersonaInquirySession,
  PersonaList,
  PersonaSingle,
  PersonaVerification,
} from '@idv-lens/shared/api'
import type { AgentInfo, DetailSection, RelayResult } from '../../kit/relay.ts'
import {
  createLinkAction,
  createObjectActions,
  createRequesterCheck,
  createResource,
  historyFor,
  type LinkAction,
  type ObjectActions,
  type RequesterCheck,
  type Resource,
} from '../../kit/stores.ts'
import { LINK_EXPIRY_SECONDS } from './persona-actions.ts'
import type { DetailContext, DetailModel } from '../vendor-view.ts'

/** An inquiry's sessions and timeline come in one page: 100 is Persona's largest. */
const SECTION_SIZE = '100'

/** The inquiry statuses a "Why" answers: an agent is asked why these ended as they did. */
const WHY_STATUSES = new Set(['failed', 'declined', 'needs_review'])

const statusKey = (status: string | null | undefined): string => (status ?? '').toLowerCase().replace(/[^a-z]+/g, '_')

export const wantsWhy = (status: string | null | undefined): boolean => WHY_STATUSES.has(statusKey(status))

/**
 * The inquiry statuses in which the customer still has a step to take: a next step means something
 * and a new link helps. Once completed, approved, declined or up for review, neither does.
 */
const CUSTOMER_STEP_STATUSES = new Set(['created', 'pending', 'expired', 'failed'])

export const customerHasStep = (status: string | null | undefined): boolean => CUSTOMER_STEP_STATUSES.has(statusKey(status))

/** The refs of an inquiry's verifications (`relationships.verifications.data`), in Persona's order. */
export function verificationIds(inquiry: PersonaInquiry | undefined): string[] {
  const refs = inquiry?.relationships?.verifications?.data
  return Array.isArray(refs) ? refs.map((r) => r.id).filter((id) => typeof id === 'string' && id.startsWith('ver_')) : []
}

const isVerification = (item: unknown): item is PersonaVerification =>
  typeof item === 'object' &&
  item !== null &&
  typeof (item as { type?: unknown }).type === 'string' &&
  (item as { type: string }).type.startsWith('verification/')

/**
 * The inquiry's verifications with their checks, in Persona's order, from the `included` of the one
 * retrieve that also brought the inquiry (`include=verifications`): no call of their own, and the
 * very request the relay's history and lookup read an inquiry's reason with (one cache entry).
 */
export function includedVerifications(single: PersonaSingle<PersonaInquiry> | null | undefined): PersonaVerification[] {
  const byId = new Map((single?.included ?? []).filter(isVerification).map((v) => [v.id, v]))
  return verificationIds(single?.data).flatMap((id) => byId.get(id) ?? [])
}

export type InquiryModel = DetailModel & {
  main: Resource<PersonaSingle<PersonaInquiry>>
  sessions: Resource<PersonaList<PersonaInquirySession>>
  events: Resource<PersonaList<PersonaEvent>>
  /** The inquiry's verifications with their checks (from the inquiry's `included`), once it says it failed, was declined or needs review. */
  verifications: Resource<PersonaVerification[]>
  cases: Resource<PersonaList<PersonaCase>>
  /** What the relay lets this agent do (GET /v1/me), asked with every view: a role change shows at the next open. */
  me: Resource<AgentInfo>
  link: LinkAction
  actions: ObjectActions
  /** Every attempt with the same reference ID. */
  history: Resource<HistoryResponse>
  requester: RequesterCheck
  focus: Signal<DetailSection | null>
}

type Read<T> = (refresh: boolean) => Promise<RelayResult<T>>

/**
 * The inquiry's retrieve, and its verifications read out of that same answer: loaded once the
 * retrieve has answered; without an inquiry there is no "why" to show.
 */
function inquiryAndVerifications({ kind, id, send, now }: Pick<DetailContext, 'kind' | 'id' | 'send' | 'now'>) {
  let read: RelayResult<PersonaSingle<PersonaInquiry>> | null = null
  const main = createResource(
    async (refresh) => (read = (await send('getRecord', { kind, id, refresh })) as RelayResult<PersonaSingle<PersonaInquiry>>),
    now,
  )
  const verifications = createResource<PersonaVerification[]>(async () => {
    const answer = read
    if (!answer?.ok) return { ok: true, data: [], freshness: null, receivedAt: now() }
    return { ...answer, data: wantsWhy(answer.data.data?.attributes?.status) ? includedVerifications(answer.data) : [] }
  }, now)
  return { main, verifications }
}

/** The inquiry's sessions, events and cases: Persona's lists filtered to it. */
function inquiryLists({ id, send, now }: Pick<DetailContext, 'id' | 'send' | 'now'>) {
  const list =
    <T>(name: string, query: Record<string, string>): Read<PersonaList<T>> =>
    (refresh) =>
      send('listRecords', { list: name, query, refresh }) as Promise<RelayResult<PersonaList<T>>>
  return {
    sessions: createResource(list<PersonaInquirySession>('sessions', { 'filter[inquiry-id]': id, 'page[size]': SECTION_SIZE }), now),
    events: createResource(list<PersonaEvent>('events', { 'filter[object-id]': id, 'page[size]': SECTION_SIZE }), now),
    cases: createResource(list<PersonaCase>('cases', { 'filter[inquiry-id]': id }), now),
  }
}

/** "Send a new link", guarded by a requester match unless the relay says it needs none. */
function inquiryLink(ctx: Pick<DetailContext, 'id' | 'send' | 'now'>, me: Resource<AgentInfo>, requester: RequesterCheck): LinkAction {
  return createLinkAction({
    send: ctx.send,
    action: 'one-time-link',
    id: ctx.id,
    expiresInSeconds: LINK_EXPIRY_SECONDS,
    guarded: () => me.data.value?.linkRequiresRequesterMatch !== false,
    requesterConfirmed: () => requester.answer.value?.result === 'match',
    now: ctx.now,
  })
}

export function createInquiryModel(ctx: DetailContext): InquiryModel {
  const { kind, id, send, now, reload } = ctx
  const { main, verifications } = inquiryAndVerifications(ctx)
  const { sessions, events, cases } = inquiryLists(ctx)
  const me = createResource(() => send('agentInfo', undefined), now)
  const requester = createRequesterCheck(send, id)
  // A match the agent made in the card for this record stands here too: no second check.
  void requester.recall()
  const history = historyFor(send, () => main.data.value?.data?.attributes?.['reference-id'] ?? null, now)
  return {
    kind,
    id,
    main,
    sessions,
    events,
    verifications,
    cases,
    history,
    requester,
    focus: signal(null),
    me,
    link: inquiryLink(ctx, me, requester),
    actions: createObjectActions({ send, reload, now }),
    first: [sessions, events, cases, me],
    after: [verifications, history],
    // Its sessions, verifications and cases.
    idsShown: () => [
      ...(sessions.data.value?.data ?? []).map((s) => s.id),
      ...verificationIds(main.data.value?.data),
      ...(cases.data.value?.data ?? []).map((c) => c.id),
    ],
    seen: () => {
      const data = main.data.value?.data
      return data ? { status: data.attributes.status ?? null } : null
    },
  }
}

export type SessionModel = DetailModel & { main: Resource<PersonaSingle<PersonaInquirySession>> }

export function createSessionModel({ kind, id, send, now }: DetailContext): SessionModel {
  const main = createResource(
    (refresh) => send('getRecord', { kind, id, refresh }) as Promise<RelayResult<PersonaSingle<PersonaInquirySession>>>,
    now,
  )
  return {
    kind,
    id,
    main,
    first: [],
    after: [],
    // The inquiry the session belongs to.
    idsShown: () => {
      const inquiry = main.data.value?.data.relationships?.inquiry?.data
      return inquiry && 'id' in inquiry && typeof inquiry.id === 'string' ? [inquiry.id] : []
    },
    seen: () => {
      const data = main.data.value?.data
      return data ? { status: data.attributes.status ?? null } : null
    },
  }
}

export type EventModel = DetailModel & { main: Resource<PersonaSingle<PersonaEvent>> }

/** An event: not watchable (it does not change). */
export function createEventModel({ kind, id, send, now }: DetailContext): EventModel {
  const main = createResource(
    (refresh) => send('getRecord', { kind, id, refresh }) as Promise<RelayResult<PersonaSingle<PersonaEvent>>>,
    now,
  )
  return { kind, id, main, first: [], after: [], idsShown: () => [], seen: () => null }
}
