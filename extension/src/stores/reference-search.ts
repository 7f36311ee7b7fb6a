import { signal } from '@preact/signals'
import type { RelayFailure, Send } from '../lib/messages.ts'
import { createAutoRetry, retriesBySelf, type Timers } from '../lib/backoff.ts'
import { settle } from './fetch-state.ts'
import { listSource, type Listed } from './list-sources.ts'
import { LISTS } from '../vendors/index.ts'
import type { VendorList } from '../vendors/vendor.ts'
import { parseLookup } from './lookup-store.ts'

/** One record whose reference ID (or external ID: each vendor says which, vendors/vendor.ts `search`) is what the agent typed; `list` says whose row shows it. */
export type ReferenceMatch = { list: string; id: string; createdAt: string | null; item: Listed }

export type ReferenceSearchState =
  | { status: 'idle' }
  | { status: 'searching'; reference: string }
  /** `failures`: a vendor whose search failed (the other's matches are still shown). */
  | { status: 'done'; reference: string; matches: ReferenceMatch[]; failures: RelayFailure[] }

/** Matches per vendor: a reference ID names one customer, so more than this is not a lookup any more. */
const SEARCH_SIZE = 10

/** No vendor's list filters by email (they search reference or external IDs), so say so. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The lists a customer is searched in, one per vendor that can (vendors/vendor.ts `search`). */
const SEARCHED: readonly VendorList[] = LISTS.filter((list) => list.search)

const time = (iso: string | null) => (iso ? Date.parse(iso) || 0 : 0)

type Searched = VendorList
type VendorAnswer = { list: Searched; matches: ReferenceMatch[]; failure: RelayFailure | null }

/** One vendor's records for `reference`, through the relay's list route; `background`: nobody clicked for it. */
async function searchVendor(send: Send, list: Searched, reference: string, background: boolean): Promise<VendorAnswer> {
  const result = await settle(listSource(list).fetchPage(send, list.search!.query(reference, SEARCH_SIZE), false, background))
  if (!result.ok) return { list, matches: [], failure: result.error }
  return { list, failure: null, matches: result.data.items.map((item) => ({ list: list.key, id: item.id, createdAt: list.search!.createdAt(item), item })) }
}

/** Why typed text is not searched: it is empty, or an email address. */
type Refusal = 'empty' | 'email'

/** Every vendor's answer so far, as shown: the matches newest first, and the failures. */
function shownAnswers(reference: string, answers: readonly VendorAnswer[]): ReferenceSearchState & { status: 'done' } {
  const matches = answers.flatMap((a) => a.matches).sort((a, b) => time(b.createdAt) - time(a.createdAt))
  const failures = answers.flatMap((a) => (a.failure ? [a.failure] : []))
  return { status: 'done', reference, matches, failures }
}

type SearchOptions = { openSingle?: boolean; timers?: Timers }

/**
 * A reference ID searched at every vendor that can at once; a vendor's failure that passes by
 * itself is asked again with backoff, keeping the others' matches on screen.
 */
function createVendorSearch(send: Send, open: (id: string) => boolean, options: SearchOptions) {
  // The popup opens details in the side panel, which Chrome only opens in a click: there the one
  // match is listed for the agent to click instead.
  const openSingle = options.openSingle ?? true
  const state = signal<ReferenceSearchState>({ status: 'idle' })
  let generation = 0
  /** The last search's answers per vendor: a retry asks again only those that failed. */
  let answers: VendorAnswer[] = []
  const autoRetry = createAutoRetry(() => void retryFailed(), options.timers)

  /** Asks `vendors` (all of them, or those that failed) and shows what every vendor has answered so far. */
  async function ask(reference: string, vendors: readonly Searched[], background: boolean): Promise<void> {
    const mine = ++generation
    autoRetry.cancel()
    const asked = await Promise.all(vendors.map((vendor) => searchVendor(send, vendor, reference, background)))
    if (mine !== generation) return
    answers = [...answers.filter((a) => !vendors.includes(a.list)), ...asked]
    const { matches, failures } = (state.value = shownAnswers(reference, answers))
    autoRetry.settled(failures.find(retriesBySelf) ?? null)
    if (openSingle && matches.length === 1 && failures.length === 0 && open(matches[0]!.id)) state.value = { status: 'idle' }
  }

  function retryFailed(): Promise<void> {
    const shown = state.value
    if (shown.status !== 'done') return Promise.resolve()
    // A vendor that refused for a reason the agent must fix (a token, a setting) would only refuse again.
    return ask(shown.reference, answers.filter((a) => a.failure && retriesBySelf(a.failure)).map((a) => a.list), true)
  }

  return {
    state,
    search(reference: string): Promise<void> {
      answers = []
      state.value = { status: 'searching', reference }
      return ask(reference, SEARCHED, false)
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
 * else is taken as a reference ID and searched at every vendor that can at once, through the relay's
 * list routes (each vendor's list and query: vendors/vendor.ts `search`), newest
 * first. Exactly one match opens its detail. A vendor's search that failed for a reason that passes
 * by itself (relay down, vendor down) is asked again with backoff, as the lists are, keeping the
 * other vendor's matches on screen.
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
    /** What the agent typed: an ID opens, an email is refused, anything else is searched. */
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
      if (EMAIL.test(value)) return refuse('email')
      return vendors.search(value)
    },
    clear: () => forget(null),
  }
}

export type ReferenceSearch = ReturnType<typeof createReferenceSearch>
