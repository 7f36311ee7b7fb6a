import type { CardField } from './card-fields.ts'
import { defineExtensionMessaging } from '@webext-core/messaging'
import type {
  AuditPage,
  Freshness,
  HistoryResponse,
  LiveEvent,
  LookupFailedCheck,
  LookupResponse,
  Problem,
  RequesterCheckRequest,
  RequesterCheckResponse,
  RequesterField,
  UsageReport,
  VendorName,
} from '@idv-lens/shared/api'
import type { IdKind } from '@idv-lens/shared/ids'
import type { Watch, WatchSeen } from './watches.ts'
import type { InlinePart } from './content-messages.ts'
import type { ActionAnswer, ActionName, ActionRequest, AgentInfo } from './actions.ts'

/** A requester match the background holds for a record (background/requester-matches.ts): what was compared, and when. */
export type HeldRequesterMatch = { field: RequesterField; at: number }
/** What "Check the ticket's requester" did: found no requester on the page, or compared one field (never its value). */
export type TicketRequesterCheck = { read: 'none' } | { read: 'email' | 'name'; answer: RelayResult<RequesterCheckResponse> }

/**
 * "Show this ticket's customer": no workspace tab to read, a ticket showing neither a customer
 * reference nor an email, or the relay's history for the one searched (never the email itself).
 */
export type TicketCustomer =
  | { read: 'no-ticket' }
  | { read: 'none'; name: string | null }
  | { read: 'reference' | 'email'; name: string | null; reference: string | null; answer: RelayResult<HistoryResponse> }

/**
 * Why a relay call failed, in the terms the UI needs to say something actionable.
 * `problem` is the relay's RFC 9457 body when there was one.
 */
export type RelayFailure = {
  kind:
    | 'not-configured' // no relay URL or token in settings
    | 'unreachable' // network error, CORS refusal, relay down
    | 'unauthorized' // the relay refused the agent token
    | 'rate-limited'
    | 'upstream' // the vendor failed or refused the relay's key
    | 'bad-request'
    | 'not-found'
    | 'internal'
    | 'over-budget' // the tab used its lookup budget (background/lookup-budget.ts); retryAfter says when there is room
  /** What happened, as a code and its values: the UI words it in the agent's language (lib/failure-text.ts). */
  reason: FailureReason
  /** Seconds, from Retry-After, for rate-limited. */
  retryAfter?: number
  /** unauthorized, for a relay behind Cloudflare Access called without a token: the agent must sign in (again). */
  signIn?: true
  problem?: Problem
}

/**
 * Why a call failed, for the UI to word (the background never composes sentences). `relay-problem`
 * means the relay's RFC 9457 body says it: the UI words `problem.code` and shows its detail as given.
 */
export type FailureReason =
  | { code: 'not-configured' } // no relay URL, or no token for a relay that wants one
  | { code: 'sign-in-needed' } // a relay behind Cloudflare Access, without a valid sign-in
  | { code: 'bad-relay-url'; url: string }
  | { code: 'relay-problem' }
  | { code: 'token-refused'; status: number } // 401/403 without a problem body
  | { code: 'too-many-requests' } // 429 without a problem body
  | { code: 'not-a-relay'; status: number } // an error page that is not the relay's
  | { code: 'not-json' }
  | { code: 'foreign-server'; relay: string } // something answered at the relay's address, but not as an IDV Lens relay
  | { code: 'timeout'; relay: string }
  | { code: 'origin-not-allowed'; relay: string; origin: string }
  | { code: 'cannot-reach'; relay: string } // nothing answered at the relay's address (down, restarting, network gone)
  | { code: 'host-permission-missing'; relay: string } // Firefox: the relay answered, its answers blocked until the agent allows it
  | { code: 'cannot-reach-relay'; relay: string } // Firefox: nothing answered (no origin to list there)
  | { code: 'extension-failed'; error: string }
  | { code: 'background-silent' } // the message to the background itself failed
  | { code: 'over-budget'; count: number; minutes: number; scope?: 'page' }
  | { code: 'no-answer-for-id' }

export type FailureCode = FailureReason['code']

export type RelayResult<T> =
  | {
      ok: true
      data: T
      freshness: Freshness | null
      receivedAt: number
      /** Seconds the relay had held this copy (its `Age` header): the data is from `receivedAt - age`. */
      age?: number
    }
  | { ok: false; error: RelayFailure }

export type RelayOk<T> = Extract<RelayResult<T>, { ok: true }>

export type Query = Record<string, string>
export type AuditRequest = { id?: string; agent?: string; limit?: number; cursor?: string }
/**
 * One page of a vendor's list: `list` is a key of the registry (vendors/index.ts: `inquiries`,
 * `deepidv`, …). `background`: an automatic refresh nobody is waiting for (the relay's vendor gate sheds it first).
 */
export type ListRequest = { list: string; query?: Query; refresh?: boolean; background?: boolean }

/** One record of an ID kind a vendor reads (vendors/index.ts `vendorRecord`). */
export type RecordRequest = { kind: IdKind; id: string; refresh?: boolean }

/** What "Test connection" found, part by part. */
export type ConnectionReport = {
  relay: 'ok' | 'unreachable' | 'error'
  auth: 'ok' | 'rejected' | 'skipped' | 'error'
  providers?: Partial<Record<VendorName, boolean>>
  /** How the relay authenticates agents (`/healthz`): an agent token, or Cloudflare Access sign-in. */
  authMode?: 'tokens' | 'access'
  outcome: ConnectionOutcome
}

/** What the test found, for the options page to word (lib/failure-text.ts). */
export type ConnectionOutcome =
  | { code: 'relay-failed'; failure: RelayFailure } // no usable URL, or /healthz failed
  | { code: 'enter-token' }
  | { code: 'not-signed-in' }
  | { code: 'token-rejected' }
  | { code: 'vendor-failed'; failure: RelayFailure }
  | { code: 'auth-call-failed'; failure: RelayFailure }
  | { code: 'signed-in' }
  | { code: 'connected' }

export type ConnectionCode = ConnectionOutcome['code']

/** A lookup's answer; IDs over the tab's lookup budget were not looked up and carry that failure instead. */
export type LookupIdsResult = RelayResult<LookupResponse> & { overBudget?: { ids: string[]; failure: RelayFailure } }

/** What the content script may know of the settings: only what it does on this site, and the card's facts in order. */
export type ContentSettings = { uuids: boolean; cardFields: CardField[] }

/**
 * How to reach live events: a WebSocket URL holding a single-use ticket (valid up to a minute), or
 * `configured: false` when the relay has no live events (then the lists are polled instead). `epoch`:
 * the relay's live hub epoch; a new one means its event numbering started over (live-store.ts reloads).
 */
export type LiveConnection = { configured: false } | { configured: true; url: string; epoch?: string }

/** A watch toggle's outcome: `full` when a new watch was refused at the cap (lib/watches.ts WATCH_CAP). */
export type WatchToggle = { watching: boolean; full: boolean }

/**
 * The part of a detail view a card's button leads to: the requester check, the customer history, or
 * the section of a vendor's actions (vendors/vendor.ts `ActionButton`).
 */
export type DetailSection = 'requester' | 'history' | (string & {})

/**
 * What a card tells the background to word a customer reply (lib/customer-reply.ts) with the team's
 * texts, which a content script never reads: the lookup's outcome and its failed checks.
 */
export type CardReplyFacts = {
  kind: IdKind
  status: string
  reason: { check: string; reasons: string[]; failed: LookupFailedCheck[]; failedChecks: number } | null
}

/**
 * A card's copy: written from the extension's own context, or `blocked` (nothing written, never from
 * the page); `replaced` when it was written, but a read back soon after found other text there
 * (a page writing over it: background/clipboard.ts); `unchecked` when it was written and the agent
 * has not turned that read-back on (lib/copy-check.ts); `superseded` when the agent asked for a newer
 * card copy before this one's turn came, so it was never written (the newer one says how it went).
 */
export type CopyOutcome = 'copied' | 'unchecked' | 'replaced' | 'blocked' | 'superseded'

/** An ID found on a page, as the content script reports it to the background. */
export type PageId = { id: string; kind: IdKind }

/**
 * Every message between the extension's contexts. The background service worker is the single
 * network client: popup, side panel, options and content scripts ask it through these.
 */
export type ProtocolMap = {
  /**
   * One page of a vendor's list, through the relay route its vendor names; the data is that
   * route's body, which the list's own `page` reads (vendors/vendor.ts). Unknown lists are refused.
   */
  listRecords(req: ListRequest): RelayResult<unknown>
  /** One record of an ID kind, as its vendor's relay route answers it (an ID not of that kind is refused). */
  getRecord(req: RecordRequest): RelayResult<unknown>
  /** Batch summaries for inline lookups (GET /v1/lookup): 1 to 100 IDs, within the tab's lookup budget. */
  lookupIds(req: { ids: string[]; refresh?: boolean; background?: boolean }): LookupIdsResult
  /** Content script → background: its site's settings (never the relay URL or the token). */
  contentSettings(): ContentSettings
  /**
   * Content script → background, before its first scan: whether inline lookups run in its frame
   * (background/page-scope.ts: the tab's page is one the agent works on, and one of the team's tenants).
   */
  inlineLookupsHere(): boolean
  /** Side panel / popup → background: a live-events ticket (the token stays in the background); `since` resumes. */
  liveConnection(req: { since?: number; epoch?: string }): RelayResult<LiveConnection>
  /** Admins: who looked at an ID, or one agent's recent lookups (GET /v1/admin/audit). */
  readAudit(req: AuditRequest): RelayResult<AuditPage>
  /** Admins: the team's usage per agent and vendor over the last `days` UTC days (GET /v1/admin/usage). */
  readUsage(req: { days: number }): RelayResult<UsageReport>
  /** Options page: which part of the connection works. */
  testConnection(req: { workerUrl: string; agentToken: string }): ConnectionReport
  /** Options page: whether the relay at this URL wants a token or a sign-in (null: it did not say). */
  relayAuthMode(req: { workerUrl: string }): 'tokens' | 'access' | null
  /** Content script → background: the distinct IDs now in this frame (the tab's union goes to the badge and the popup). */
  reportPageIds(req: { ids: PageId[] }): void
  /** Content script → background: an iframe left its page; frames that are gone leave the tab's count. */
  framesRemoved(): void
  /**
   * Content script → background: put one of its lazy parts into the sender's own frame: the controls
   * (inline-controls.js) once the frame has an ID, the card and list views (inline-ui.js, with their
   * UI library) on first use.
   */
  loadInlineUi(req: { part: InlinePart }): boolean
  /**
   * The origin-fallback entry → background: start inline lookups in the sender's own frame (a
   * sandboxed srcdoc, blob: or data: frame), if its tab shows an agent workspace. False: not here.
   */
  startInFallbackFrame(): boolean
  /** Popup → background: whether inline lookups run in a tab now (on a site where they only run when asked). */
  inlineLookupsRunning(req: { tabId: number }): boolean
  /**
   * Popup → background: start inline lookups in a tab (the popup's activeTab grant allows the
   * injection), open their list in the page, and have the IDs reported. False when the page cannot be read.
   */
  findPageIds(req: { tabId: number }): boolean
  /** Popup → background: stop inline lookups in a tab now (the agent stopped them on its site). */
  stopInlineLookups(req: { tabId: number }): void
  /**
   * Open the side panel on an ID's detail view (from a card, the popup or the context menu). A
   * content script's request is for its own tab: a `tabId` in it is ignored.
   */
  openDetail(req: { id: string; tabId?: number; section?: DetailSection }): void
  /** Card → background: open the options page (a content script cannot), to fix a refused token or a wrong relay URL. */
  openSettings(): void
  /** Every attempt made for one reference ID (or email), newest first, and a line per vendor (GET /v1/history). */
  readHistory(
    req: ({ referenceId: string; email?: never } | { email: string; referenceId?: never }) & { refresh?: boolean },
  ): RelayResult<HistoryResponse>
  /** Whether the value the agent typed is the object's own: match / no-match / unknown, never a value. Nothing keeps the value. */
  checkRequester(req: RequesterCheckRequest): RelayResult<RequesterCheckResponse>
  /**
   * Card, side panel → background: read the requester on the ticket `id` sits on (on this click only)
   * and check it as above. The value goes from the page to the relay and is answered to no one.
   */
  checkTicketRequester(req: { id: string }): TicketRequesterCheck
  /**
   * Side panel → background: read the ticket's customer in the agent's ticket tab, the active tab of the
   * panel's window `windowId` (on this click only), and ask for their history.
   */
  readTicketCustomer(req: { windowId?: number | undefined }): TicketCustomer
  /**
   * Side panel → background: put a new link's reply into the reply box of the ticket `id` sits on
   * (background/reply-composer.ts); `inserted: false` where no box was found (the panel copies it).
   */
  insertReply(req: { id: string; text: string }): { inserted: boolean }
  /** Side panel → background: a match for `id` made in the last 15 minutes (a card's, say), so the link step needs no second check. */
  heldRequesterMatch(req: { id: string }): HeldRequesterMatch | null
  /** Card, side panel → background: start or stop watching an ID; `seen` is the status shown (the baseline). */
  setWatch(req: { id: string; on: boolean; seen?: WatchSeen }): WatchToggle
  /**
   * Card → background: put the card's ID, its internal note (which names the ID), or the customer
   * reply the background words from the card's facts (`reply`) on the clipboard from the extension's
   * own context (background/clipboard.ts), never from the page's document.
   */
  copyForCard(req: { id: string; text: string } | { id: string; reply: CardReplyFacts }): CopyOutcome
  /** Card, side panel → background: whether an ID is watched. */
  watchState(req: { id: string }): { watching: boolean }
  /** Popup / side panel → background: the watched IDs of the current relay and agent, newest first. */
  listWatches(): Watch[]
  /** Side panel: who the relay says the agent is, and which actions it may call (GET /v1/me). */
  agentInfo(): RelayResult<AgentInfo>
  /** Card → background: the actions the agent may call (none when the relay says none, or cannot be asked). */
  agentActions(): ActionName[]
  /**
   * Side panel: one of the vendors' agent actions (vendors/vendor.ts `VendorAction`). A new link's
   * answer is the only place the link is.
   */
  runAction(req: ActionRequest): RelayResult<ActionAnswer>
  /** Popup / side panel → background: live events received; changes of watched IDs are notified. */
  watchLiveEvents(req: { events: LiveEvent[] }): void
  /**
   * Extension page → background: these objects changed (an action done, a live event): the open
   * detail, the lists and the cards showing one re-read it past the relay's cache (background/object-changes.ts).
   */
  objectChanged(req: { ids: string[]; live?: string[] }): void
}

/** The messages the background answers by calling the relay. */
export type RelayMessage = {
  [K in keyof ProtocolMap]: ReturnType<ProtocolMap[K]> extends RelayResult<unknown> ? K : never
}[keyof ProtocolMap]

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>()

/** `sendMessage`'s type, for stores that take it as a dependency (tests pass a fake). */
export type Send = typeof sendMessage
