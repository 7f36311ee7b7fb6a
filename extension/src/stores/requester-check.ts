import { signal } from '@preact/signals'
import type { RequesterCheckResponse, RequesterField } from '@idv-lens/shared/api'
import type { HeldRequesterMatch, RelayResult, Send } from '../lib/messages.ts'
import { failureState, settle, type FailureState } from './fetch-state.ts'

export type RequesterAnswer = RequesterCheckResponse['data']

/** The match the background holds for `id` (background/requester-matches.ts), or null, also with no background to ask. */
async function heldMatch(send: Send, id: string): Promise<HeldRequesterMatch | null> {
  try {
    return await send('heldRequesterMatch', { id })
  } catch {
    return null
  }
}

function createSignals() {
  return {
    answer: signal<RequesterAnswer | null>(null),
    busy: signal(false),
    error: signal<FailureState | null>(null),
    /** What "Check the ticket's requester" compared, or that the ticket showed none (the paste field then). */
    fromTicket: signal<'email' | 'name' | 'none' | null>(null),
    /** When the match shown was made, when it is one the background held (`recall`); else null. */
    heldAt: signal<number | null>(null),
  }
}

type Shown = ReturnType<typeof createSignals>

/** Shows no answer, no failure and nothing compared. */
function clear(shown: Shown): void {
  shown.answer.value = null
  shown.heldAt.value = null
  shown.error.value = null
  shown.fromTicket.value = null
}

/** The relay's answer, or its failure. */
function showResult(shown: Shown, result: RelayResult<RequesterCheckResponse>, at: number): void {
  if (result.ok) shown.answer.value = result.data.data
  else shown.error.value = failureState(result.error, at)
}

/**
 * "Is the ticket's requester the person who verified?" for one object. The value the agent types
 * is personal data: it is an argument of `check` and nothing else, never kept in a signal, storage
 * or the answer (the relay answers match / no-match / unknown only), and the form clears it.
 */
export function createRequesterCheck(send: Send, id: string, now: () => number = Date.now) {
  const shown = createSignals()
  const { answer, busy, error, fromTicket, heldAt } = shown
  let generation = 0

  /** Starts a new question; false once a newer one started. */
  function begin(): () => boolean {
    const mine = ++generation
    busy.value = true
    clear(shown)
    return () => mine === generation
  }

  /** Asks the relay; resolves once the answer (or the failure) is shown. Blank values are not sent. */
  async function check(field: RequesterField, value: string): Promise<void> {
    const typed = value.trim()
    if (!typed) return
    const current = begin()
    const result = await settle(send('checkRequester', { id, field, value: typed }))
    if (!current()) return
    busy.value = false
    showResult(shown, result, now())
  }

  /** "Check the ticket's requester": the ticket's tab reads it on this click; the value never comes here. */
  async function checkTicket(): Promise<void> {
    const current = begin()
    const checked = await send('checkTicketRequester', { id }).catch(() => null)
    if (!current()) return
    busy.value = false
    if (!checked) return void (error.value = failureState({ kind: 'internal', reason: { code: 'background-silent' } }, now()))
    fromTicket.value = checked.read
    if (checked.read !== 'none') showResult(shown, checked.answer, now())
  }

  /**
   * A match made for this record in the last 15 minutes (the card's, say), held by the background:
   * shown as this view's answer, so the link step asks for no second check.
   */
  async function recall(): Promise<void> {
    const mine = generation
    const held = await heldMatch(send, id)
    if (!held || mine !== generation || answer.value) return
    heldAt.value = held.at
    answer.value = { id, field: held.field, result: 'match' }
  }

  /** Forgets the last answer (the agent starts typing another value). */
  function reset(): void {
    generation++
    busy.value = false
    clear(shown)
  }

  return { answer, busy, error, fromTicket, heldAt, check, checkTicket, recall, reset }
}

export type RequesterCheck = ReturnType<typeof createRequesterCheck>
