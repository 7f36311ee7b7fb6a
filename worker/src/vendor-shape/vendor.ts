import type { LookupFound, VendorName } from '@idv-lens/shared/api'
import type { IdKind } from '@idv-lens/shared/ids'
import type { z } from 'zod'
import type { IncomingEvent } from '../live/incoming-event.ts'
import type { LookupId, LookupTools, VendorLookup } from './lookup-types.ts'
import type { NumberVariable } from './budget-variable.ts'
import type { VendorAction } from './vendor-action.ts'

/** Every vendor the relay calls, by name: the registry (vendors/index.ts) hands it to the core through the configuration. */
export type VendorTable = Record<VendorName, Vendor>

/** What the relay needs to know about one vendor to call it and to read its answers and failures. */
export type Vendor = {
  name: VendorName
  label: string
  /** The secret holding the API key; messages that tell an administrator what to fix name it. */
  keySecret: `${Uppercase<VendorName>}_API_${'KEY' | 'TOKEN'}`
  /** The secret holding an optional write-scoped key for the agent actions (null: the vendor offers none). */
  actionsKeySecret: `${Uppercase<VendorName>}_ACTIONS_API_KEY` | null
  /** The variable that replaces `defaultBase` (a fake in tests, another region). */
  baseVariable: `${Uppercase<VendorName>}_API_BASE`
  /** The API's base URL when `baseVariable` is not set. */
  defaultBase: string
  /** The variable naming the vendor environment the key belongs to: the gate's identity (not the key). */
  environmentVariable: `${Uppercase<VendorName>}_ENVIRONMENT`
  /**
   * What the vendor gate lets through: calls per rolling window, and per UTC day where the vendor has
   * a daily quota, each a variable with its default. `vendorWindowMs` is the window the vendor states
   * its limit in (the admin page says the budget per it); `windowMs`, the one the gate counts, is a
   * little longer: a call reaches the vendor after the gate counted it, and that jitter must never
   * put more than the budget in any of the vendor's windows.
   */
  budget: { vendorWindowMs: number; windowMs: number; perWindow: NumberVariable; perDay: NumberVariable | null }
  /** A second secret that signs each request with the key (Sumsub's secret key); absent: the key alone. */
  signingSecret?: `${Uppercase<VendorName>}_SECRET_KEY`
  /** The headers that authenticate one request: the key, or a signature over the request (`signingSecret`). */
  authHeaders(apiKey: string, request: SignedRequest): Record<string, string> | Promise<Record<string, string>>
  /** Headers of its answers that carry meaning (Onfido's paging: `link`, `x-total-count`), lower-case; absent: none. */
  answerHeaders?: readonly string[]
  /** Request headers an agent may send to its routes, which they forward (CORS allows them: app.ts). */
  requestHeaders: readonly string[]
  /**
   * The vendor's word on a failure, from an error body (JSON or plain text): only a title or message
   * the vendor documents (an allowlist), never its free text, which can name a person; else null.
   */
  errorMessage(body: string): string | null
  /** Seconds to wait after a 429, from whatever headers the vendor sends. */
  retryAfterSeconds(headers: Headers): number | null
  /** What a 2xx list or single-object body must be before anything reads, keeps or relays it (bodies/vendor-bodies.ts). */
  bodies: { list: z.ZodType; single: z.ZodType }
  /** Its part of a lookup batch: summaries of its IDs, with as few calls as its API allows. */
  lookup: VendorLookup
  /**
   * Whether a summary's outcome is an end state, which the vendor keeps unless something announces a
   * change (a webhook, an agent action). The lookup keeps those longer (cache/freshness.ts).
   */
  settled(summary: LookupFound): boolean
  /** Where `POST /v1/requester-check` reads the person's own email and name (routes/requester-check.ts); null: nowhere. */
  requester: VendorRequester | null
  /** Its part of `GET /v1/history` (routes/history.ts); null: it keeps no reference ID. */
  history: VendorHistory | null
  /**
   * Its part of `GET /v1/history?email=`, where its API lists records by the person's email; null
   * where none does (docs/vendors/<name>.md): the history says it was not searched, and why.
   */
  historyByEmail: VendorHistory | null
  /** The lists the MCP `recent` tool may page, by name (`<vendor>-<records>`). */
  pagedLists: Record<string, PagedList>
  /** How its webhook deliveries are checked and summarised (`POST /webhooks/<name>`); null: it sends none. */
  webhook: VendorWebhook | null
  /** The agent actions it offers (ACTIONS turns each on); each action name belongs to one vendor. */
  actions: readonly VendorAction[]
  /** The records an agent action's 2xx answer names besides the one acted on (they change with it); null: it has no actions. */
  actionChanges: ((answer: unknown) => string[]) | null
}

/**
 * One request as the vendor sees it, for a signature: the method, the path from the base with its
 * query, the exact body ('' for a GET), the gate's clock and the signing secret (null: unset).
 */
export type SignedRequest = { method: string; pathWithQuery: string; body: string; nowMs: number; signingKey: string | null }

/** The page of a list route as the MCP `recent` tool reads it: only the records' IDs and the next cursor. */
export type PagedListBody = {
  data?: { id?: unknown }[]
  sessions?: { id?: unknown }[]
  links?: { next?: string | null }
  next_token?: string | null
  has_more?: boolean
}

/** One /v1 list route, and how it names its page size, cursor and filters, and where its next page starts. */
export type PagedList = {
  path: string
  /** Null: the vendor pages at its own size (Onfido), and the tool answers its whole page. */
  size: string | null
  cursor: string
  filter: (name: string) => string
  /** From the page's body (a bare array is read as its `data`) or its headers (Onfido's `Link`). */
  next: (body: PagedListBody, headers: Headers) => string | null
  /** The filters it takes, for the tool's description. */
  filters: readonly string[]
}

/** A vendor's webhook receiver: routes/webhooks.ts answers `POST /webhooks/<name>` with it. */
export type VendorWebhook = {
  /** The secrets' names (`wrangler secret put`): the current one, then any being rotated out. */
  secrets: readonly [current: string, ...previous: string[]]
  /** The request header the signature comes in. */
  signatureHeader: string
  /** Where the signature is read from several headers (Sumsub's digest and its algorithm); absent: `signatureHeader`. */
  readSignature?(header: (name: string) => string | undefined): string | undefined
  /** Whether the signature is good for the exact bytes received under one of the secrets (current first). */
  verify(signature: string | undefined, raw: Uint8Array<ArrayBuffer>, secrets: readonly string[], nowMs: number): Promise<boolean>
  /** The refusal's detail when it is not. */
  badSignature: string
  /** The delivery's personal-data-free live summary; a PayloadError for a body that is not the vendor's event. */
  summarize(body: unknown): IncomingEvent | Promise<IncomingEvent>
}

/**
 * A vendor's part of the published contract beyond its routes' own bodies (contract/schemas.ts
 * combines them): the lookup details of each of its ID kinds, each an object with its `kind`
 * literal, and the bodies other schemas nest (published as components of their own).
 */
export type VendorContract = {
  lookupDetails: readonly z.ZodObject<{ kind: z.ZodLiteral<IdKind> } & z.ZodRawShape>[]
  nested: Record<string, z.ZodType>
}

/**
 * The person's own email and name on one object, read for `POST /v1/requester-check` only: compared
 * there and dropped, never cached, logged or sent. Each part null when the object holds none.
 */
export type RequesterValues = {
  email: string | null
  name: { first: string | null; middle: string | null; last: string | null }
  /** As the vendor holds it (Persona: E.164); null where the vendor has none or names none. */
  phone: string | null
  /** `YYYY-MM-DD`; null where the vendor holds none the person gave. */
  birthdate: string | null
  /** The record a match lets an action act on (Onfido: the run's applicant); absent: the object checked. */
  confirms?: string
}

export type VendorRequester = {
  /** The ID kinds whose objects hold the person's email and name. */
  kinds: readonly IdKind[]
  /**
   * The values; where one person has several objects (Onfido's runs of an applicant, Persona's inquiries
   * of an account), `countRecord(person)` before any compare: it throws when that person's checks are used up.
   */
  read(tools: LookupTools, item: LookupId, countRecord: (record: string) => Promise<void>): Promise<RequesterValues>
}

/**
 * A vendor's part of a history: every object made for one reference ID (the vendor's name for it:
 * Persona's `reference-id`, deepidv's `external_id`), newest first, at most `max`, each as its lookup
 * summary. `complete` is false when more may exist than were read; a failed list call throws (the route
 * answers it when no vendor could answer). `failure`: the code of a failure or refusal that left attempts
 * or parts of a summary out (a history shaped by it is answered, never cached); absent when the vendor said all.
 */
export type VendorHistory = (tools: LookupTools, referenceId: string, max: number) => Promise<HistoryPart>
export type HistoryPart = { found: LookupFound[]; complete: boolean; failure?: string }
