import { browser } from '#imports'
import { signal } from '@preact/signals'
import type { HistoryVendor } from '@idv-lens/shared/api'
import type { RelayFailure, Send, TicketCustomer } from '../lib/messages.ts'
import { groupByVendor, type ReferenceGroup } from './reference-search.ts'

/** What the side panel shows of the ticket's customer. */
export type TicketCustomerState =
  | { status: 'idle' }
  | { status: 'reading' }
  | { status: 'no-ticket' }
  | { status: 'none'; name: string | null }
  /** `by`: what the history was asked by (a reference ID, else the email, which no vendor searches by). */
  | {
      status: 'done'
      by: 'reference' | 'email'
      name: string | null
      reference: string | null
      groups: ReferenceGroup[]
      count: number
      complete: boolean
      failure: RelayFailure | null
      vendors: HistoryVendor[]
    }

const messageFailed = (err: unknown): RelayFailure => ({
  kind: 'internal',
  reason: { code: 'extension-failed', error: err instanceof Error ? err.message : String(err) },
})

function stateOf(answer: TicketCustomer): TicketCustomerState {
  if (answer.read === 'no-ticket') return { status: 'no-ticket' }
  if (answer.read === 'none') return { status: 'none', name: answer.name }
  const shown = { status: 'done', by: answer.read, name: answer.name, reference: answer.reference } as const
  if (!answer.answer.ok) return { ...shown, groups: [], count: 0, complete: false, failure: answer.answer.error, vendors: [] }
  const { data, complete, vendors } = answer.answer.data
  return { ...shown, groups: groupByVendor(data), count: data.length, complete, failure: null, vendors: vendors ?? [] }
}

/** The window the side panel is in: the ticket read is the active tab there. */
const panelWindow = (): Promise<number | undefined> =>
  browser.windows.getCurrent().then(
    (w) => w.id,
    () => undefined,
  )

/**
 * "Show this ticket's customer": nothing is read until `show` (the agent's click); then the background
 * reads the requester of the ticket the agent looks at, the active tab of the panel's window, and asks
 * the relay's history (background/ticket-customer-read.ts). A click while one is under way starts
 * over; `hide` drops the answer.
 */
export function createTicketCustomer(send: Send, windowOf: () => Promise<number | undefined> = panelWindow) {
  const state = signal<TicketCustomerState>({ status: 'idle' })
  let generation = 0
  return {
    state,
    async show(): Promise<void> {
      const mine = ++generation
      state.value = { status: 'reading' }
      let next: TicketCustomerState
      try {
        next = stateOf(await send('readTicketCustomer', { windowId: await windowOf() }))
      } catch (err) {
        next = {
          status: 'done',
          by: 'reference',
          name: null,
          reference: null,
          groups: [],
          count: 0,
          complete: false,
          failure: messageFailed(err),
          vendors: [],
        }
      }
      if (mine === generation) state.value = next
    },
    hide(): void {
      generation++
      state.value = { status: 'idle' }
    },
  }
}

export type TicketCustomerStore = ReturnType<typeof createTicketCustomer>
