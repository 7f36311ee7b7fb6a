import { signal } from '@preact/signals'
import type { DeepidvSessionRecord, PersonaInquiry } from '@idv-lens/shared/api'
import type { RelayFailure, Send } from '../lib/messages.ts'
import { settle } from './fetch-state.ts'
import { deepidvSource, inquiriesSource } from './list-sources.ts'
import { parseLookup } from './lookup-store.ts'

/** One record whose reference ID (Persona) or external ID (deepidv) is what the agent typed. */
export type ReferenceMatch =
  | { vendor: 'persona'; id: string; createdAt: string | null; item: PersonaInquiry }
  | { vendor: 'deepidv'; id: string; createdAt: string | null; item: DeepidvSessionRecord }

export type ReferenceSearchState =
  | { status: 'idle' }
  | { status: 'searching'; reference: string }
  /** `failures`: a vendor whose search failed (the other's matches are still shown). */
  | { status: 'done'; reference: string; matches: ReferenceMatch[]; failures: RelayFailure[] }

/** Matches per vendor: a reference ID names one customer, so more than this is not a lookup any more. */
const SEARCH_SIZE = 10

/** Neither vendor's list filters by email (Persona: reference ID; deepidv: external ID), so say so. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const time = (iso: string | null) => (iso ? Date.parse(iso) || 0 : 0)

/**
 * "Find a customer by what the agent has": an ID or a dashboard link opens its detail; anything
 * else is taken as a reference ID and searched at both vendors at once, through the relay's list
 * routes (Persona inquiries by `filter[reference-id]`, deepidv sessions by `external_id`), newest
 * first. Exactly one match opens its detail.
 */
export function createReferenceSearch(send: Send, open: (id: string) => boolean, options: { openSingle?: boolean } = {}) {
  // The popup opens details in the side panel, which Chrome only opens in a click: there the one
  // match is listed for the agent to click instead.
  const openSingle = options.openSingle ?? true
  const state = signal<ReferenceSearchState>({ status: 'idle' })
  /** Why the text was refused (empty, an email address), or null. */
  const refusal = signal<'empty' | 'email' | null>(null)
  let generation = 0

  async function search(reference: string): Promise<void> {
    const mine = ++generation
    state.value = { status: 'searching', reference }
    const [persona, deepidv] = await Promise.all([
      settle(inquiriesSource.fetchPage(send, { 'filter[reference-id]': reference, 'page[size]': String(SEARCH_SIZE) }, false)),
      // external_id takes precedence over the organization-wide default at deepidv; both are sent as the list does.
      settle(deepidvSource.fetchPage(send, { ...deepidvSource.defaultFilters, external_id: reference, limit: String(SEARCH_SIZE) }, false)),
    ])
    if (mine !== generation) return
    const matches: ReferenceMatch[] = []
    const failures: RelayFailure[] = []
    if (persona.ok) for (const item of persona.data.items) matches.push({ vendor: 'persona', id: item.id, createdAt: item.attributes['created-at'] ?? null, item })
    else failures.push(persona.error)
    if (deepidv.ok) for (const item of deepidv.data.items) matches.push({ vendor: 'deepidv', id: item.id, createdAt: item.created_at ?? null, item })
    else failures.push(deepidv.error)
    matches.sort((a, b) => time(b.createdAt) - time(a.createdAt))
    state.value = { status: 'done', reference, matches, failures }
    if (openSingle && matches.length === 1 && failures.length === 0 && open(matches[0]!.id)) state.value = { status: 'idle' }
  }

  return {
    state,
    refusal,
    /** What the agent typed: an ID opens, an email is refused, anything else is searched. */
    submit(text: string): Promise<void> {
      const value = text.trim()
      refusal.value = null
      if (!value) {
        refusal.value = 'empty'
        return Promise.resolve()
      }
      const id = parseLookup(value)
      if (id && open(id)) {
        state.value = { status: 'idle' }
        return Promise.resolve()
      }
      if (EMAIL.test(value)) {
        refusal.value = 'email'
        return Promise.resolve()
      }
      return search(value)
    },
    clear(): void {
      generation++
      state.value = { status: 'idle' }
      refusal.value = null
    },
  }
}

export type ReferenceSearch = ReturnType<typeof createReferenceSearch>
