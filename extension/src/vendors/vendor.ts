import type { LiveEvent, LookupDetails, VendorName } from '@idv-lens/shared/api'
import type { IdKind } from '@idv-lens/shared/ids'
import type { RelayClient } from '@idv-lens/worker/client'
import type { ActionAnswer, ActionName, CardField, Listed, ManagedKey, Page, Query, RawResponse, Tone } from '../kit/relay.ts'
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
export type RelayCall<T> = (
  client: RelayClient,
  options: { headers: Record<string, string> },
) => Promise<RawResponse & { json(): Promise<T> }>

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
  /** `query`: the one the page was asked with (a list paged by number counts on from it). */
  page(raw: Raw, query: Query): Page<Item>
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
  /** The vendor's agent actions act on records of this kind (the card shows their buttons). */
  actions?: true
  /** The card's facts by key (the team orders them, lib/card-fields.ts); created and updated are everyone's. */
  facts?(details: LookupDetails): Partial<Record<CardField, CardFact>>
  /** The customer's reference the history goes by, when the lookup has one: the card offers the earlier attempts. */
  reference?(details: LookupDetails): string | null
}

/** What an action's check may ask of the background: a list the team's policy names. */
export type ActionContext = { teamList(key: ManagedKey): Promise<readonly unknown[]> }

/** An action's input as checked: what goes to the relay, or a code saying why the message is refused (nothing is sent). */
export type CheckedInput = { input: unknown } | { refused: string }

/** One action request as checked (sender-policy.ts): the call gets nothing else. */
export type CheckedAction = { id: string; input?: unknown; idempotencyKey?: string }

/**
 * One agent action a vendor declares (docs/relay-contract.md, "Agent actions"), by the name the relay's
 * `ACTIONS` turns it on with. The background, the policy and the pages go by this list only. Methods,
 * so each declaration may type its own input.
 */
export type VendorAction = {
  key: ActionName
  /** Whether the relay may want the requester confirmed first (`GET /v1/me` says whether it does). */
  requesterMatch: boolean
  /** The confirm step's text (the ID, how long, until when), for an action that asks before it acts. */
  confirm?: MessageKey
  /** Each confirmed click carries its own Idempotency-Key, so the vendor acts once however often it is retried. */
  idempotent?: true
  /** Whether an ID is one this action acts on (else the message is refused). */
  target(id: string): boolean
  /** The input as the relay takes it. */
  check(raw: unknown, context: ActionContext): Promise<CheckedInput>
  /** The relay call; writes are never cached. */
  call(request: CheckedAction): RelayCall<unknown>
  /** What of the relay's answer the page gets (default: done); null when the answer lacks it. */
  answer?(data: unknown): ActionAnswer | null
}

/** A card's button for a vendor's actions: shown when the relay offers one of `actions`; it opens the detail at `section`. */
export type ActionButton = { section: string; actions: readonly ActionName[]; label: MessageKey; help: MessageKey; testId: string }

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
  /** Its events in words ("Inquiry approved"), by the name its webhooks give them; one not listed shows its name. */
  events?: Readonly<Record<string, MessageKey>>
  /** The agent actions it declares (on records whose `actions` is set), and the card's buttons for them. */
  actions?: readonly VendorAction[]
  actionButtons?: readonly ActionButton[]
}
