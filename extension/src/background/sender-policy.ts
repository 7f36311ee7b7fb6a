import { browser, type Browser } from '#imports'
import { MAX_FAILED_LISTED, type LookupFailedCheck } from '@idv-lens/shared/api'
import { isIdOfKind, MAX_IDS_PER_LOOKUP, ID_PATTERNS, type IdKind } from '@idv-lens/shared/ids'
import type { CardReplyFacts, DetailSection, ListRequest, RecordRequest } from '../lib/messages.ts'
import { isIdempotencyKey } from '../lib/actions.ts'
import { INLINE_PARTS, type InlinePart } from '../lib/content-messages.ts'
import { MAX_COPY_CHARS } from '../lib/offscreen-messages.ts'
import { isActionSection, vendorAction, vendorList, vendorRecord } from '../vendors/index.ts'
import type { ActionContext, CheckedAction, VendorAction } from '../vendors/vendor.ts'

/*
Who may send which message. Web pages cannot reach runtime.onMessage (no externally_connectable), so
every sender is our own page or our content script, which runs inside pages we do not control and is
treated as the page's ambassador: only the messages docs/permissions.md lists for it (IDs, lookups,
its site's settings, its own tab's detail, a card's copy from the active tab). Lists, details,
connection tests, site access and acting on another tab are for the extension's pages only.
*/

export type Sender = Browser.runtime.MessageSender

/** Why a message was refused; the sender's promise rejects with this (nothing was done). */
export class RefusedMessage extends Error {
  constructor(message: string) {
    super(`IDV Lens refused the message: ${message}`)
    this.name = 'RefusedMessage'
  }
}

/** `chrome-extension://<our id>/`: compared as a prefix (URL.origin of a non-web scheme is "null" outside Chrome, and so is about:blank's). */
const extensionBase = () => browser.runtime.getURL('/')

/**
 * One of the extension's own pages: the popup, the side panel, the options page. Decided by the
 * sending document's origin, not by `sender.tab`: the options page (and any page of ours opened in a
 * tab) has a tab too, and content scripts never run in our own pages (they match http/https only).
 */
export function isExtensionPage(sender: Sender): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(extensionBase())
}

/** Our content script in a web page: it has a tab, and its document is not one of ours. */
export function contentScriptTab(sender: Sender): number | null {
  if (sender.id !== browser.runtime.id || isExtensionPage(sender)) return null
  const tabId = sender.tab?.id
  return typeof tabId === 'number' && tabId >= 0 ? tabId : null
}

export function requireExtensionPage(sender: Sender, what: string): void {
  if (!isExtensionPage(sender)) throw new RefusedMessage(`${what} is only answered to the extension's own pages`)
}

export function requireContentScript(sender: Sender, what: string): number {
  const tabId = contentScriptTab(sender)
  if (tabId === null) throw new RefusedMessage(`${what} is only accepted from the content script of a tab`)
  return tabId
}

/** The IDs of one lookup: 1 to 100 strings, each an ID of a kind in the shared table. */
export function checkLookupIds(ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_IDS_PER_LOOKUP) {
    throw new RefusedMessage(`a lookup takes 1 to ${MAX_IDS_PER_LOOKUP} IDs`)
  }
  for (const id of ids) {
    if (typeof id !== 'string' || !ID_PATTERNS.some((p) => p.exact.test(id))) throw new RefusedMessage('a lookup takes IDs only')
  }
  return ids as string[]
}

/** At most this many IDs in one report: the content script stops at 2,000 distinct IDs a page. */
export const MAX_REPORTED_IDS = 2000

/** A page's report: `{ id, kind }` pairs whose ID is of that kind in the shared table, nothing else. */
export function checkReportedIds(ids: unknown): { id: string; kind: IdKind }[] {
  if (!Array.isArray(ids) || ids.length > MAX_REPORTED_IDS) throw new RefusedMessage(`a report holds at most ${MAX_REPORTED_IDS} IDs`)
  return ids.map((p: unknown) => {
    const { id, kind } = (p ?? {}) as { id?: unknown; kind?: unknown }
    if (
      typeof id !== 'string' ||
      typeof kind !== 'string' ||
      !ID_PATTERNS.some((pt) => pt.kind === kind) ||
      !isIdOfKind(id, kind as IdKind)
    ) {
      throw new RefusedMessage('a report holds IDs only')
    }
    return { id, kind: kind as IdKind }
  })
}

/** A single ID (openDetail): a string the shared table recognises. */
export function checkId(id: unknown): string {
  if (typeof id !== 'string' || !ID_PATTERNS.some((p) => p.exact.test(id))) throw new RefusedMessage('not an ID')
  return id
}

/** The part of a detail a card's button opens (openDetail): the requester check, the history, a vendor's action section, or none. */
export function checkSection(section: unknown): DetailSection | undefined {
  if (section === undefined) return undefined
  if (section === 'requester' || section === 'history' || (typeof section === 'string' && isActionSection(section))) return section
  throw new RefusedMessage('not a detail section')
}

/** The file of a lazy part a content script asks for (loadInlineUi): one of ours, by name only. */
export function inlinePartFile(part: unknown): (typeof INLINE_PARTS)[InlinePart] {
  if (typeof part === 'string' && Object.hasOwn(INLINE_PARTS, part)) return INLINE_PARTS[part as InlinePart]
  throw new RefusedMessage('not a part of inline lookups')
}

/** A tab ID named in a message (extension pages only). */
export function checkTabId(tabId: unknown): number {
  if (typeof tabId !== 'number' || !Number.isInteger(tabId) || tabId < 0) throw new RefusedMessage('not a tab')
  return tabId
}

/**
 * What a card copies (copyForCard): the ID it shows, and the text, which is that ID or a note naming
 * it, at most MAX_COPY_CHARS long; or the facts for a customer reply, which the background words from
 * fixed texts. So a content script cannot put just anything on the clipboard.
 */
export function checkCopy(req: unknown): { id: string; text: string } | { id: string; reply: CardReplyFacts } {
  const { id, text, reply } = (req ?? {}) as { id?: unknown; text?: unknown; reply?: unknown }
  const checked = checkId(id)
  if (reply !== undefined) return { id: checked, reply: checkReplyFacts(checked, reply) }
  if (typeof text !== 'string' || text.length > MAX_COPY_CHARS || !text.includes(checked))
    throw new RefusedMessage('a copy is an ID, or a summary naming it, from the card')
  return { id: checked, text }
}

const flag = (v: unknown): boolean | undefined => (v === undefined ? undefined : v === true)

/** A list page: a list the registry knows (vendors/index.ts), a query of strings, and the two flags. */
export function checkListRequest(req: unknown): ListRequest {
  const { list, query, refresh, background } = (req ?? {}) as Partial<Record<keyof ListRequest, unknown>>
  if (typeof list !== 'string' || !vendorList(list)) throw new RefusedMessage('not a list of a vendor')
  if (query !== undefined && (typeof query !== 'object' || query === null || !Object.values(query).every((v) => typeof v === 'string'))) {
    throw new RefusedMessage('a list query holds strings only')
  }
  return { list, query: (query ?? {}) as Record<string, string>, refresh: flag(refresh), background: flag(background) }
}

/** A record: an ID kind a vendor reads, and an ID of that kind. */
export function checkRecordRequest(req: unknown): RecordRequest {
  const { kind, id, refresh } = (req ?? {}) as Partial<Record<keyof RecordRequest, unknown>>
  if (!vendorRecord(kind)) throw new RefusedMessage('not a kind of record a vendor reads')
  if (typeof id !== 'string' || !isIdOfKind(id, kind as IdKind)) throw new RefusedMessage('not an ID of that kind')
  return { kind: kind as IdKind, id, refresh: flag(refresh) }
}

/**
 * One action request (runAction): an action a vendor declares, an ID it acts on, the click's
 * Idempotency-Key where the action wants one, and an input its declaration accepts.
 */
export async function checkActionRequest(req: unknown, context: ActionContext): Promise<{ action: VendorAction; request: CheckedAction }> {
  const { action: key, id, input, idempotencyKey } = (req ?? {}) as Partial<Record<string, unknown>>
  const action = vendorAction(key)
  if (!action) throw new RefusedMessage('not an action of a vendor')
  if (typeof id !== 'string' || !action.target(id)) throw new RefusedMessage(`not an ID ${action.key} acts on`)
  if (action.idempotent && !isIdempotencyKey(idempotencyKey)) throw new RefusedMessage(`${action.key} needs the click's Idempotency-Key`)
  const checked = await action.check(input, context)
  if ('refused' in checked) throw new RefusedMessage(checked.refused)
  return { action, request: { id, input: checked.input, ...(action.idempotent ? { idempotencyKey: idempotencyKey as string } : {}) } }
}

const word = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max

/** A check as short words and a few reason codes. */
function checkFailedCheck(raw: unknown): LookupFailedCheck {
  const { check, reasons } = (raw ?? {}) as { check?: unknown; reasons?: unknown }
  if (!word(check, 100) || !Array.isArray(reasons) || reasons.length > 20 || !reasons.every((r) => word(r, 100)))
    throw new RefusedMessage('not a check and its reasons')
  return { check, reasons: reasons as string[] }
}

/** A reply's facts: the ID's own kind, a status as a short word, and its failed checks (as many as a lookup lists). */
function checkReplyFacts(id: string, raw: unknown): CardReplyFacts {
  const { kind, status, reason } = (raw ?? {}) as { kind?: unknown; status?: unknown; reason?: unknown }
  if (typeof kind !== 'string' || !ID_PATTERNS.some((p) => p.kind === kind) || !isIdOfKind(id, kind as IdKind))
    throw new RefusedMessage('not the kind of the ID')
  if (!word(status, 64)) throw new RefusedMessage('not a status')
  if (reason === null) return { kind: kind as IdKind, status, reason: null }
  const { failed, failedChecks } = (reason ?? {}) as { failed?: unknown; failedChecks?: unknown }
  if (!Array.isArray(failed) || failed.length > MAX_FAILED_LISTED) throw new RefusedMessage('not a list of failed checks')
  if (typeof failedChecks !== 'number' || !Number.isInteger(failedChecks) || failedChecks < failed.length || failedChecks > 10_000)
    throw new RefusedMessage('not a count of failed checks')
  return { kind: kind as IdKind, status, reason: { ...checkFailedCheck(reason), failed: failed.map(checkFailedCheck), failedChecks } }
}
