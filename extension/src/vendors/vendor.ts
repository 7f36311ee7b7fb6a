import type { LiveEvent, LookupDetails, VendorName } from '@idv-lens/shared/api'
import type { IdKind } from '@idv-lens/shared/ids'
import type { RelayClient } from '@idv-lens/worker/client'
import type { ActionDone, CardField, CaseStatus, LinkRequest, Listed, OneTimeLink, Page, Query, RawResponse, RelayResult, Tone } from '../kit/relay.ts'
import type { MessageKey } from '../kit/words.ts'

export type { Listed, Page, Tone }

/*
What a vendor is to the extension: one object per folder (vendors/<name>/<name>.ts), listed in the
registry (vendors/index.ts), read by the background, the card and the pages. Four parts of the folder
are found by their file names instead, so each bundle carries only what it uses: `<name>-rows.tsx`
and `<name>-details.tsx` (the pages' Preact views, vendors/rows.ts, details.ts), `<name>-tones.ts`
(also the popup's first paint, tones.ts), `<name>-replies.ts` (the background's replies, replies.ts).
*/

/** One typed call of the relay (the Worker's `hc` client), with the per-call request options. */
export type RelayCall<T> = (client: RelayClient, options: { headers: Record<string, string> }) => Promise<RawResponse & { json(): Promise<T> }>

/**
 * One list of a vendor's records, by its key (`listRecords({ list })`). Methods, not function
 * properties: the registry holds lists of different items side by side.
 */
export type VendorList<Raw = unknown, Item extends Listed = Listed> = {
  key: string
  /** The tab's name, or null for a list no tab shows (an inquiry's cases). */
  tab: MessageKey | null
  /** The list the popup opens on (its first tab, the first paint's rows, the browser-start warm-up). */
  opensPopup?: true
  /** A tab of the side panel only, not of the popup (whose one row of tabs is full). */
  panelOnly?: true
  /** The relay route with the list's query (the relay refuses parameters it does not document). */
  call(query: Query): RelayCall<Raw>
  page(raw: Raw): Page<Item>
  pageQuery(size: number, cursor: string | null): Query
  /** Filters applied when the agent has set none. */
  defaultFilters: Query
  /** Object IDs a row shows besides its own (a session's inquiry): a change to one re-reads the list. */
  rowIds?(item: Item): string[]
}

/** A card fact: a message key and its value (nothing shows without one). */
export type CardFact = { label: MessageKey; value: string | null | undefined; testId?: string }

/** One ID kind of a vendor: how to read one record, and what its card and detail may offer. */
export type VendorRecord = {
  call(id: string): RelayCall<unknown>
  /** About a person whose data the relay can compare: the card offers the requester check. */
  person?: true
  /** The agent actions (a new link, tags, cases) act on records of this kind. */
  actions?: true
  /** The card's facts by key (the team orders them, lib/card-fields.ts); created and updated are everyone's. */
  facts?(details: LookupDetails): Partial<Record<CardField, CardFact>>
  /** The customer's reference the history goes by, when the lookup has one: the card offers the earlier attempts. */
  reference?(details: LookupDetails): string | null
}

/** The agent actions' relay calls (docs/relay-contract.md, "Agent actions"); writes are never cached. */
export type ActionHandlers = {
  sendOneTimeLink(req: LinkRequest): Promise<RelayResult<OneTimeLink>>
  setInquiryTag(req: { id: string; tag: string; on: boolean }): Promise<RelayResult<ActionDone>>
  assignCaseToMe(req: { caseId: string }): Promise<RelayResult<ActionDone>>
  setCaseStatus(req: { caseId: string; status: CaseStatus }): Promise<RelayResult<ActionDone>>
}

/** One call with the saved settings, never past a cache. */
export type ActionGet = <T>(send: RelayCall<T>) => Promise<RelayResult<T>>

export type Vendor = {
  name: VendorName
  /** The vendor's name as it writes it ("Persona", "deepidv"); brand names are not translated. */
  label: string
  /** Its lists, in the side panel's tab order. */
  lists: readonly VendorList[]
  /** Its ID kinds that `getRecord` reads. */
  records: Partial<Record<IdKind, VendorRecord>>
  /** "Test connection"'s probe: one authenticated call of one item. */
  probe: RelayCall<unknown>
  /** The ID a live event of this vendor opens (default: the object it is about). */
  liveTarget?(event: LiveEvent): string
  /** The agent actions' relay calls, for the vendor whose records take them. */
  actions?(get: ActionGet): ActionHandlers
}
