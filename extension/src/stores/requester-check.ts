import { signal } from '@preact/signals'
import type { RequesterCheckResponse, RequesterField } from '@idv-lens/shared/api'
import type { HeldRequesterMatch, Send } from '../lib/messages.ts'
import { failureState, settle, type FailureState } from './fetch-state.ts'

export type RequesterAnswer = RequesterCheckResponse['data']

/**
 * "Is the ticket's requester the person who verified?" for one object. The value the agent types
 * is personal data: it is an argument of `check` and nothing else, never kept in a signal, storage
 * or the answer (the relay answers match / no-match / unknown only), and the form clears it.
 */
export function createRequesterCheck(send: Send, id: string, now: () => number = Date.now) {
  const answer = signal<RequesterAnswer | null>(null)
  const busy = signal(false)
  const error = signal<FailureState | null>(null)
  /** What "Check the ticket's requester" compared, or that the ticket showed none (the paste field then). */
  const fromTicket = signal<'email' | 'name' | 'none' | null>(null)
  /** When the match shown was made, when it is one the background held (`recall`); else null. */
  const heldAt = signal<number | null>(null)
  let generation = 0

  /** Starts a new question; false once a newer one started. */
  function begin(): () => boolean {
    const mine = ++generation
    busy.value = true
    answer.value = null
    heldAt.value = null
    error.value = null
    fromTicket.value = null
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
    if (result.ok) answer.value = result.data.data
    else error.value = failureState(result.error, now())
  }

  /** "Check the ticket's requester": the ticket's tab reads it on this click; the value never comes here. */
  async function checkTicket(): Promise<void> {
    const current = begin()
    const checked = await send('checkTicketRequester', { id }).catch(() => null)
    if (!current()) return
    busy.value = false
    if (!checked) return void (error.value = failureState({ kind: 'internal', reason: { code: 'background-silent' } }, now()))
    fromTicket.value = checked.read
    if (checked.read === 'none') return
    const result = checked.answer
    if (result.ok) answer.value = result.data.data
    else error.value = failureState(result.error, now())
  }

  /**
   * A match made for this record in the last 15 minutes (the card's, say), held by the background:
   * shown as this view's answer, so the link step asks for no second check. `heldAt`: when it was made.
   */
  async function recall(): Promise<void> {
    const mine = generation
    let held: HeldRequesterMatch | null = null
    try {
      held = await send('heldRequesterMatch', { id })
    } catch {
      // No background to ask: the agent checks here.
    }
    if (!held || mine !== generation || answer.value) return
    heldAt.value = held.at
    answer.value = { id, field: held.field, result: 'match' }
  }

  /** Forgets the last answer (the agent starts typing another value). */
  function reset(): void {
    generation++
    busy.value = false
    answer.value = null
    heldAt.value = null
    error.value = null
    fromTicket.value = null
  }

  return { answer, busy, error, fromTicket, heldAt, check, checkTicket, recall, reset }
}

export type RequesterCheck = ReturnType<typeof createRequesterCheck>
