import { signal } from '@preact/signals'
import type { HistoryVendor, LookupFound } from '@idv-lens/shared/api'
import type { RelayFailure, Send } from '../lib/messages.ts'
import { createAutoRetry, retriesBySelf, type Timers } from '../lib/backoff.ts'
import { settle } from './fetch-state.ts'
import { parseLookup } from './lookup-store.ts'

/** One vendor's records for the reference, newest first. */
export type ReferenceGroup = { provider: string; entries: LookupFound[] }

export type ReferenceSearchState =
  | { status: 'idle' }
  | { status: 'searching'; reference: string }
  /**
   * `groups`: by vendor, the newest record's first; `complete`: false when a vendor answered in part or
   * not at all; `vendors`: the relay's line for each vendor (searched, failed, or not searched and why).
   */
  | {
      status: 'done'
      reference: string
      byEmail: boolean
      groups: ReferenceGroup[]
      count: number
      complete: boolean
      failures: RelayFailure[]
      vendors: HistoryVendor[]
    }

/** An email is searched as one: the relay asks the vendors whose API lists by email and names the rest. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const time = (iso: string | null) => (iso ? Date.parse(iso) || 0 : 0)

/** Why typed text is not searched: it is empty. */
type Refusal = 'empty'

/** The records by vendor, each vendor's newest first, the vendor with the newest record first. */
export function groupByVendor(found: readonly LookupFound[]): ReferenceGroup[] {
  const groups = new Map<string, LookupFound[]>()
  for (const entry of [...found].sort((a, b) => time(b.createdAt) - time(a.createdAt))) {
    groups.set(entry.provider, [...(groups.get(entry.provider) ?? []), entry])
  }
  return [...groups].map(([provider, entries]) => ({ provider, entries }))
}

type SearchOptions = { openSingle?: boolean; timers?: Timers }

/**
 * A reference ID searched at every configured vendor at once, through the relay's one history route
 * (GET /v1/history: one list call per vendor, cached under a hashed key). A failure that passes by
 * itself is asked again with backoff.
 */
function createVendorSearch(send: Send, open: (id: string) => boolean, options: SearchOptions) {
  // The popup opens details in the side panel, which Chrome only opens in a click: there the one
  // match is listed for the agent to click instead.
  const openSingle = options.openSingle ?? true
  const state = signal<ReferenceSearchState>({ status: 'idle' })
  let generation = 0
  const autoRetry = createAutoRetry(() => void retry(), options.timers)

  async function ask(reference: string): Promise<void> {
    const mine = ++generation
    autoRetry.cancel()
    const byEmail = EMAIL.test(reference)
    const result = await settle(send('readHistory', byEmail ? { email: reference } : { referenceId: reference }))
    if (mine !== generation) return
    if (!result.ok) {
      state.value = { status: 'done', reference, byEmail, groups: [], count: 0, complete: false, failures: [result.error], vendors: [] }
      autoRetry.settled(retriesBySelf(result.error) ? result.error : null)
      return
    }
    const { data, complete, vendors } = result.data
    state.value = {
      status: 'done',
      reference,
      byEmail,
      groups: groupByVendor(data),
      count: data.length,
      complete,
      failures: [],
      vendors: vendors ?? [],
    }
    autoRetry.settled(null)
    if (openSingle && data.length === 1 && complete && open(data[0]!.id)) state.value = { status: 'idle' }
  }

  function retry(): Promise<void> {
    const shown = state.value
    return shown.status === 'done' && shown.failures.length > 0 ? ask(shown.reference) : Promise.resolve()
  }

  return {
    state,
    search(reference: string): Promise<void> {
      state.value = { status: 'searching', reference }
      return ask(reference)
    },
    /** Drops the last search: an answer still on its way is ignored. */
    stop(): void {
      generation++
      autoRetry.cancel()
      state.value = { status: 'idle' }
    },
  }
}

/**
 * "Find a customer by what the agent has": an ID or a dashboard link opens its detail; anything
 * else is taken as a reference ID and searched at every configured vendor at once, in one relay call,
 * grouped by vendor, newest first. Exactly one match opens its detail.
 */
export function createReferenceSearch(send: Send, open: (id: string) => boolean, options: SearchOptions = {}) {
  const vendors = createVendorSearch(send, open, options)
  const { state } = vendors
  /** Why the text was refused, or null. */
  const refusal = signal<Refusal | null>(null)
  const forget = (why: Refusal | null) => {
    vendors.stop()
    refusal.value = why
  }

  return {
    state,
    refusal,
    /** What the agent typed: an ID opens; an email or anything else is searched. */
    submit(text: string): Promise<void> {
      const value = text.trim()
      refusal.value = null
      // A new query replaces the last one's answer, a refused one included: nothing of it stays on screen.
      const refuse = (why: Refusal) => {
        forget(why)
        return Promise.resolve()
      }
      if (!value) return refuse('empty')
      const id = parseLookup(value)
      if (id && open(id)) {
        state.value = { status: 'idle' }
        return Promise.resolve()
      }
      return vendors.search(value)
    },
    clear: () => forget(null),
  }
}

export type ReferenceSearch = ReturnType<typeof createReferenceSearch>
