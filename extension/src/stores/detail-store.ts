import { computed, signal, type Signal } from '@preact/signals'
import type {
  DeepidvSession,
  HistoryResponse,
  PersonaCase,
  PersonaEvent,
  PersonaInquiry,
  PersonaInquirySession,
  PersonaList,
  PersonaSingle,
  PersonaVerification,
} from '@idv-lens/shared/api'
import { classifyId } from '@idv-lens/shared/ids'
import type { DetailSection, RelayResult, Send } from '../lib/messages.ts'
import { createResource, type Resource } from './resource.ts'
import { createAuditStore } from './audit-store.ts'
import { createRequesterCheck, type RequesterCheck } from './requester-check.ts'
import { createLinkAction, type LinkAction } from './link-action.ts'
import { createObjectActions, type ObjectActions } from './object-actions.ts'
import type { AgentInfo } from '../lib/actions.ts'
import { stripeIdsShown, stripeParts, stripeView, type StripeView } from '../vendors/stripe/stripe-views.ts'

/** An inquiry's sessions and timeline come in one page: 100 is Persona's largest. */
const SECTION_SIZE = '100'

/** The inquiry statuses a "Why" answers: an agent is asked why these ended as they did. */
const WHY_STATUSES = new Set(['failed', 'declined', 'needs_review'])

export const wantsWhy = (status: string | null | undefined): boolean => !!status && WHY_STATUSES.has(status.toLowerCase().replace(/[^a-z]+/g, '_'))

/** What every view of a verified person has: their other attempts, the requester check, and the part a card asked for. */
type PersonParts = {
  /** Every attempt with the same reference ID (deepidv: external ID); `referenceId` '' when the object has none. */
  history: Resource<HistoryResponse>
  requester: RequesterCheck
  /** The section a card's button opened the detail on, for the view to bring into sight once. */
  focus: Signal<DetailSection | null>
}

export type DetailView =
  | ({
      kind: 'persona-inquiry'
      id: string
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
    } & PersonParts)
  | { kind: 'persona-inquiry-session'; id: string; main: Resource<PersonaSingle<PersonaInquirySession>> }
  | { kind: 'persona-event'; id: string; main: Resource<PersonaSingle<PersonaEvent>> }
  | ({ kind: 'deepidv-session'; id: string; main: Resource<DeepidvSession> } & PersonParts)
  | StripeView

const NO_REFERENCE: HistoryResponse = { referenceId: '', data: [], complete: true }

/** The refs of an inquiry's verifications (`relationships.verifications.data`), in Persona's order. */
export function verificationIds(inquiry: PersonaInquiry | undefined): string[] {
  const refs = inquiry?.relationships?.verifications?.data
  return Array.isArray(refs) ? refs.map((r) => r.id).filter((id) => typeof id === 'string' && id.startsWith('ver_')) : []
}

const isVerification = (item: unknown): item is PersonaVerification =>
  typeof item === 'object' && item !== null && typeof (item as { type?: unknown }).type === 'string' && (item as { type: string }).type.startsWith('verification/')

/**
 * The inquiry's verifications with their checks, in Persona's order, from the `included` of the one
 * retrieve that also brought the inquiry (`include=verifications`): no call of their own, and the
 * very request the relay's history and lookup read an inquiry's reason with (one cache entry).
 */
export function includedVerifications(single: PersonaSingle<PersonaInquiry> | null | undefined): PersonaVerification[] {
  const byId = new Map((single?.included ?? []).filter(isVerification).map((v) => [v.id, v]))
  return verificationIds(single?.data).flatMap((id) => byId.get(id) ?? [])
}

function historyFor(send: Send, reference: () => string | null, now: () => number): Resource<HistoryResponse> {
  return createResource(async (refresh) => {
    const referenceId = reference()
    return referenceId ? send('readHistory', { referenceId, refresh }) : { ok: true, data: NO_REFERENCE, freshness: null, receivedAt: now() }
  }, now)
}

function viewFor(id: string, send: Send, now: () => number = Date.now): DetailView | null {
  const kind = classifyId(id)
  switch (kind) {
    case 'persona-inquiry': {
      // The last answer of the inquiry's retrieve: its verifications section is read out of it.
      let read: RelayResult<PersonaSingle<PersonaInquiry>> | null = null
      const main = createResource(async (refresh) => (read = await send('getInquiry', { id, refresh })), now)
      const inquiry = () => main.data.value?.data
      const me = createResource(() => send('agentInfo', undefined), now)
      const requester = createRequesterCheck(send, id)
      // The view reloads itself after a write; `self` is set below, before anything can be clicked.
      let self: DetailView | null = null
      return (self = {
        kind,
        id,
        main,
        sessions: createResource(
          (refresh) => send('listInquirySessions', { query: { 'filter[inquiry-id]': id, 'page[size]': SECTION_SIZE }, refresh }),
          now,
        ),
        events: createResource(
          (refresh) => send('listEvents', { query: { 'filter[object-id]': id, 'page[size]': SECTION_SIZE }, refresh }),
          now,
        ),
        // Loaded once the inquiry's retrieve has answered (partsOf); without an inquiry there is no "why" to show.
        verifications: createResource(async () => {
          const answer = read
          if (!answer?.ok) return { ok: true, data: [], freshness: null, receivedAt: now() }
          return { ...answer, data: wantsWhy(answer.data.data?.attributes?.status) ? includedVerifications(answer.data) : [] }
        }, now),
        cases: createResource((refresh) => send('listCases', { inquiryId: id, refresh }), now),
        history: historyFor(send, () => inquiry()?.attributes?.['reference-id'] ?? null, now),
        requester,
        focus: signal(null),
        me,
        link: createLinkAction({
          send,
          id,
          guarded: () => me.data.value?.linkRequiresRequesterMatch !== false,
          requesterConfirmed: () => requester.answer.value?.result === 'match',
          now,
        }),
        actions: createObjectActions({ send, reload: () => self && loadView(self, true), now }),
      })
    }
    case 'persona-inquiry-session':
      return { kind, id, main: createResource((refresh) => send('getInquirySession', { id, refresh }), now) }
    case 'persona-event':
      return { kind, id, main: createResource((refresh) => send('getEvent', { id, refresh }), now) }
    case 'deepidv-session': {
      const main = createResource((refresh) => send('getDeepidvSession', { id, refresh }), now)
      return {
        kind,
        id,
        main,
        history: historyFor(send, () => main.data.value?.session_record?.external_id ?? null, now),
        requester: createRequesterCheck(send, id),
        focus: signal(null),
      }
    }
    case 'stripe-verification-session':
    case 'stripe-verification-report':
      return stripeView(kind, id, { send, now, history: (reference) => historyFor(send, reference, now) })
    default:
      return null
  }
}

/** What a view loads at once, and what waits for its main object (it needs the inquiry's status, references or reference ID). */
function partsOf(view: DetailView): { first: Resource<unknown>[]; after: Resource<unknown>[] } {
  switch (view.kind) {
    case 'persona-inquiry':
      return { first: [view.main, view.sessions, view.events, view.cases, view.me], after: [view.verifications, view.history] }
    case 'deepidv-session':
      return { first: [view.main], after: [view.history] }
    case 'stripe-verification-session':
    case 'stripe-verification-report':
      return stripeParts(view)
    default:
      return { first: [view.main], after: [] }
  }
}

/**
 * The object IDs a view shows: its own, and those its sections list (an inquiry's sessions,
 * verifications and cases; a session's inquiry). A change to any of them re-reads the view.
 */
export function idsShown(view: DetailView): Set<string> {
  const ids = new Set([view.id])
  if (view.kind === 'persona-inquiry') {
    for (const s of view.sessions.data.value?.data ?? []) ids.add(s.id)
    for (const id of verificationIds(view.main.data.value?.data)) ids.add(id)
    for (const c of view.cases.data.value?.data ?? []) ids.add(c.id)
  }
  if (view.kind === 'stripe-verification-session' || view.kind === 'stripe-verification-report') for (const id of stripeIdsShown(view)) ids.add(id)
  if (view.kind === 'persona-inquiry-session') {
    const inquiry = view.main.data.value?.data.relationships?.inquiry?.data
    if (inquiry && 'id' in inquiry && typeof inquiry.id === 'string') ids.add(inquiry.id)
  }
  return ids
}

const resourcesOf = (view: DetailView) => {
  const { first, after } = partsOf(view)
  return [...first, ...after]
}

/**
 * Loads a view: the main object and the sections beside it at once, those that need the main
 * object once it is there. Without it (relay not reached) they wait: a history asked for without
 * the inquiry's reference ID would claim it has none. They load when the main object comes back.
 */
function loadView(view: DetailView, force: boolean): void {
  const { first, after } = partsOf(view)
  const [main, ...rest] = first
  const loaded = main!.load(force)
  for (const resource of rest) void resource.load(force)
  if (after.length === 0) return
  void loaded.then(() => {
    let done = false
    const stop = main!.data.subscribe((data) => {
      if (done || data === null) return
      done = true
      for (const resource of after) void resource.load(force)
      queueMicrotask(() => stop())
    })
  })
}

/** The stack's first `keep` views; the views left stop their automatic retries (nobody sees them). */
function leave(stack: DetailView[], keep: number): DetailView[] {
  for (const view of stack.slice(Math.max(0, keep))) for (const resource of resourcesOf(view)) resource.stop()
  return stack.slice(0, Math.max(0, keep))
}

/**
 * The side panel's detail views as a stack: following a link (session → its inquiry) pushes,
 * "Back" pops, and the list is underneath when the stack is empty.
 */
export function createDetailStore(send: Send, now?: () => number) {
  const stack = signal<DetailView[]>([])
  const current = computed(() => stack.value.at(-1) ?? null)

  /**
   * Shows `id`; false when it is not an ID we know. Opening the ID already shown reloads it.
   * `section`: the part a card's button leads to (the requester check, the history).
   */
  function open(id: string, section?: DetailSection): boolean {
    const shown = current.value
    if (shown?.id === id) {
      refresh(false)
      if (section && 'focus' in shown) shown.focus.value = section
      return true
    }
    const view = viewFor(id, send, now)
    if (!view) return false
    if (section && 'focus' in view) view.focus.value = section
    stack.value = [...stack.value, view]
    loadView(view, false)
    return true
  }

  function refresh(force = true): void {
    const view = current.value
    if (view) loadView(view, force)
  }

  /**
   * Objects changed (background/object-changes.ts): the view on screen re-reads itself past the
   * relay's cache when it shows one of them, keeping what it shows until the new answer is in.
   */
  function reread(ids: readonly string[]): boolean {
    const view = current.peek()
    if (!view) return false
    const shown = idsShown(view)
    if (!ids.some((id) => shown.has(id))) return false
    loadView(view, true)
    return true
  }

  return {
    stack,
    current,
    audit: createAuditStore(send, now),
    open,
    refresh,
    reread,
    back: () => void (stack.value = leave(stack.value, stack.value.length - 1)),
    close: () => void (stack.value = leave(stack.value, 0)),
  }
}

export type DetailStore = ReturnType<typeof createDetailStore>
