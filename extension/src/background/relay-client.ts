import { browser } from '#imports'
import { createRelayClient, type RelayClient } from '@idv-lens/worker/client'
import type { LookupResponse } from '@idv-lens/shared/api'
import { isIdOfKind } from '@idv-lens/shared/ids'
import type {
  FailureReason,
  ListRequest,
  LiveConnection,
  ProtocolMap,
  RecordRequest,
  RelayFailure,
  RelayMessage,
  RelayResult,
} from '../lib/messages.ts'
import type { Settings } from '../lib/settings.ts'
import { createAuthModes, type AuthMode } from './relay-auth-mode.ts'
import { toRelayResult, type RawResponse } from '../lib/relay-result.ts'
import { diagnose } from './unreachable.ts'
import { browserRelayAccess } from '../lib/relay-access.ts'
import { vendorAction, vendorList, vendorRecord } from '../vendors/index.ts'
import type { RelayCall } from '../vendors/vendor.ts'
import type { ActionAnswer, ActionRequest } from '../lib/actions.ts'

export type RelayDeps = {
  /** The settings for the next call; read per call so a saved change applies at once. */
  getSettings: () => Promise<Settings>
  fetch?: typeof fetch
  /** This extension's origin, for the "add it to ALLOWED_ORIGINS" hint. */
  origin?: string
  /** Firefox: reached through the relay's host permission rather than CORS (lib/relay-access.ts). */
  hostPermission?: boolean
  now?: () => number
  timeoutMs?: number
}

export type RelayHandlers = {
  [K in RelayMessage]: (req: Parameters<ProtocolMap[K]>[0]) => Promise<ReturnType<ProtocolMap[K]>>
}

const NOT_CONFIGURED: FailureReason = { code: 'not-configured' }
const SIGN_IN_NEEDED: RelayFailure = { kind: 'unauthorized', reason: { code: 'sign-in-needed' }, signIn: true }

/** The relay's base URL from the settings (a token is not needed here: see `credentialsFor`), or why there is none. */
export function relayUrl(settings: Settings): { base: string } | { problem: FailureReason } {
  const url = settings.workerUrl.trim()
  if (!url) return { problem: NOT_CONFIGURED }
  if (!/^https?:\/\/[^/]+/i.test(url)) return { problem: { code: 'bad-relay-url', url } }
  return { base: url.replace(/\/+$/, '') }
}

/** The relay's base URL when the settings hold a token too, or why there is none. */
export function relayBase(settings: Settings): { base: string } | { problem: FailureReason } {
  const target = relayUrl(settings)
  if ('problem' in target || settings.agentToken.trim()) return target
  return { problem: NOT_CONFIGURED }
}

/** The headers and fetch options that authenticate a call. */
type Credentials = { headers: Record<string, string>; init: RequestInit }

/**
 * How a call authenticates: the agent token when there is one; without one, only a relay in access
 * mode is asked, with the browser's Access cookie (`credentials: 'include'`; it travels once the
 * agent granted the relay's host permission and signed in). Redirects are not followed: Access
 * answers a request without a valid cookie with a redirect to its sign-in page, which means "sign in".
 */
function credentialsFor(token: string, mode: AuthMode | null): Credentials | null {
  if (token) return { headers: { authorization: `Bearer ${token}` }, init: {} }
  if (mode === 'access') return { headers: {}, init: { credentials: 'include', redirect: 'manual' } }
  return null
}

/** What every call shares: how it fetches and how long it waits, the relays' sign-in modes, and what a failure's diagnosis needs. */
type CallContext = {
  fetchImpl: typeof fetch
  authMode: ReturnType<typeof createAuthModes>
  now: () => number
  timeoutMs: number
  origin: string
  hostPermission: boolean
}

/** One try of a call at one relay, with the token or (empty) without. */
type Attempt<T> = { base: string; token: string; refresh: boolean | undefined; send: RelayCall<T>; background: boolean }

/** The typed client for one relay, authenticated as `auth` says. */
function clientFor({ fetchImpl, timeoutMs }: CallContext, base: string, auth: Credentials): RelayClient {
  return createRelayClient(base, {
    // A call that brings its own signal (the audit export, a stream that may run for minutes) is bounded by it instead.
    fetch: (input: RequestInfo | URL, init?: RequestInit) =>
      fetchImpl(input, { ...init, ...auth.init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) }),
    headers: auth.headers,
  })
}

/** What a call that got no answer at all failed of; `token`: whether it carried one. */
async function failedCall(
  { fetchImpl, origin, hostPermission }: CallContext,
  base: string,
  token: string,
  err: unknown,
): Promise<RelayResult<never>> {
  const { failure, answered } = await diagnose(base, err, { fetch: fetchImpl, origin, hostPermission })
  // With the cookie, a relay that is up yet gave no readable answer is Access redirecting to its
  // sign-in page (the redirect carries no CORS headers). Our origin is allowed: /healthz told us
  // the mode through CORS.
  if (!token && answered) return { ok: false, error: SIGN_IN_NEEDED }
  return { ok: false, error: failure }
}

async function attempt<T>(context: CallContext, { base, token, refresh, send, background }: Attempt<T>): Promise<RelayResult<T>> {
  const auth = credentialsFor(token, token ? null : await context.authMode(base))
  if (!auth) return { ok: false, error: { kind: 'not-configured', reason: NOT_CONFIGURED } }
  const client = clientFor(context, base, auth)
  try {
    // The relay refetches from the vendor when asked not to use its cache (relay.ts wantsRefresh).
    // An automatic refresh nobody is waiting for says so (RFC 9218 urgency 5): the relay's vendor
    // gate sheds it first and never lets it take the last 20% of the team's budget.
    const headers: Record<string, string> = {
      ...(refresh ? { 'cache-control': 'no-cache' } : {}),
      ...(background ? { priority: 'u=5' } : {}),
    }
    const res = await send(client, { headers })
    if (res.type === 'opaqueredirect') return { ok: false, error: SIGN_IN_NEEDED }
    const result = await toRelayResult<T>(res, context.now())
    // The relay refused the Access token itself (e.g. expired): signing in again is the remedy, not a token.
    if (!token && !result.ok && result.error.kind === 'unauthorized') return { ok: false, error: { ...result.error, signIn: true } }
    return result
  } catch (err) {
    return failedCall(context, base, token, err)
  }
}

/**
 * The extension's only network client: every relay call goes through `call`, with the Worker's
 * typed `hc` client, the agent token, and one mapping of answers and failures to RelayResult.
 */
export function createRelay(deps: RelayDeps) {
  const fetchImpl: typeof fetch = deps.fetch ?? ((input, init) => fetch(input, init))
  const authMode = createAuthModes(fetchImpl)
  const context: CallContext = {
    fetchImpl,
    authMode,
    now: deps.now ?? Date.now,
    timeoutMs: deps.timeoutMs ?? 20_000,
    origin: deps.origin ?? new URL(browser.runtime.getURL('/')).origin,
    hostPermission: deps.hostPermission ?? browserRelayAccess.needsHostPermission(),
  }

  // Relays found behind Access while a token from tokens mode was still saved: the token is not sent there.
  const tokenIgnored = new Set<string>()

  async function call<T>(
    settings: Settings | null,
    refresh: boolean | undefined,
    send: RelayCall<T>,
    background = false,
  ): Promise<RelayResult<T>> {
    const current = settings ?? (await deps.getSettings())
    const target = relayUrl(current)
    if ('problem' in target) return { ok: false, error: { kind: 'not-configured', reason: target.problem } }
    const saved = current.agentToken.trim()
    const token = tokenIgnored.has(target.base) ? '' : saved
    const result = await attempt(context, { base: target.base, token, refresh, send, background })
    // A token refused (or answered with Access's sign-in redirect, which CORS hides) by a relay that
    // now says Access: the token is a leftover from tokens mode. It is ignored from now on, and
    // the call goes again with the sign-in cookie, so the agent is asked to sign in, not to fix a
    // token field the options page no longer shows.
    const refused = !result.ok && (result.error.kind === 'unauthorized' || result.error.reason.code === 'origin-not-allowed')
    if (token && refused && (await authMode(target.base)) === 'access') {
      tokenIgnored.add(target.base)
      return attempt(context, { base: target.base, token: '', refresh, send, background })
    }
    return result
  }

  const get: RelayGet = (refresh, send, background) => call(null, refresh, send, background === true)
  const handlers = relayHandlers(get, deps.getSettings)

  return { handlers, call, authMode }
}

/** One call with the saved settings: past the relay's cache when `refresh`, as background work when `background`. */
type RelayGet = <T>(refresh: boolean | undefined, send: RelayCall<T>, background?: boolean) => Promise<RelayResult<T>>

/** What a call the registry does not know answers: nothing was sent (sender-policy.ts refuses such messages first). */
const unknownCall = (): Promise<RelayResult<never>> =>
  Promise.resolve({ ok: false, error: { kind: 'bad-request', reason: { code: 'extension-failed', error: 'no-vendor-call' } } })

/**
 * One agent action through the call its vendor declares (vendors/vendor.ts `VendorAction`), one
 * request to the relay; what the page gets of the answer is the declaration's, by default only that
 * it was done. An action no vendor declares is not sent (sender-policy.ts refuses it first).
 */
async function runAction(get: RelayGet, { action: key, ...request }: ActionRequest): Promise<RelayResult<ActionAnswer>> {
  const action = vendorAction(key)
  if (!action) return unknownCall()
  const result = await get(false, action.call(request))
  if (!result.ok) return result
  const answer = action.answer ? action.answer(result.data) : { done: true as const }
  return answer ? { ...result, data: answer } : { ok: false, error: { kind: 'upstream', reason: { code: 'no-answer-for-id' } } }
}

/** A list's page through the route its vendor names (vendors/index.ts), or a failure without a call for a list nobody has. */
function listRecords(get: RelayGet, { list, query = {}, refresh, background }: ListRequest): Promise<RelayResult<unknown>> {
  const source = vendorList(list)
  return source ? get(refresh, source.call(query), background) : unknownCall()
}

/** One record through its kind's route; an ID not of that kind is not sent. */
function getRecord(get: RelayGet, { kind, id, refresh }: RecordRequest): Promise<RelayResult<unknown>> {
  const record = vendorRecord(kind)
  if (!record || typeof id !== 'string' || !isIdOfKind(id, kind)) return unknownCall()
  return get(refresh, record.call(id))
}

/** The relay's routes as the background's message handlers: each message is one fixed, typed call. */
function relayHandlers(get: RelayGet, getSettings: () => Promise<Settings>) {
  /**
   * One request: every message that reaches this holds 1 to 100 IDs (`checkLookupIds` in
   * sender-policy.ts refuses any other), which is the relay's own limit (MAX_IDS_PER_LOOKUP).
   */
  function lookupIds({
    ids,
    refresh,
    background,
  }: {
    ids: string[]
    refresh?: boolean
    background?: boolean
  }): Promise<RelayResult<LookupResponse>> {
    const unique = [...new Set(ids)]
    return get(refresh, (c, o) => c.v1.lookup.$get({ query: { ids: unique.join(',') } }, o), background)
  }

  /** /healthz says whether the relay has live events; only then is a ticket asked for (agent auth). */
  async function liveConnection({ since, epoch }: { since?: number; epoch?: string }): Promise<RelayResult<LiveConnection>> {
    const health = await get(false, (c, o) => c.healthz.$get({}, o))
    if (!health.ok) return health
    if (!health.data.live?.configured) return { ...health, data: { configured: false } }
    const ticket = await get(false, (c, o) => c.v1.live.ticket.$post({}, o))
    if (!ticket.ok) return ticket
    const settings = await getSettings()
    const target = relayUrl(settings)
    if ('problem' in target) return { ok: false, error: { kind: 'not-configured', reason: target.problem } }
    const url = new URL(`${target.base.replace(/^http/i, 'ws')}/v1/live`)
    url.searchParams.set('ticket', ticket.data.ticket)
    if (since !== undefined) url.searchParams.set('since', String(since))
    // `since` counts in the epoch it came from: the hub replays everything when its epoch is another.
    if (since !== undefined && epoch !== undefined) url.searchParams.set('epoch', epoch)
    return { ...ticket, data: { configured: true, url: url.href, epoch: ticket.data.epoch } }
  }

  return {
    listRecords: (req) => listRecords(get, req),
    getRecord: (req) => getRecord(get, req),
    // An email goes to the relay only when the agent searches by it; the relay keeps and logs none.
    readHistory: ({ referenceId, email, refresh }) =>
      get(refresh, (c, o) => c.v1.history.$get({ query: email !== undefined ? { email } : { 'reference-id': referenceId } }, o)),
    // Never cached (the relay answers it fresh, and audits it); the value goes in the body, never in a URL.
    checkRequester: ({ id, field, value }) => get(false, (c, o) => c.v1['requester-check'].$post({ json: { id, field, value } }, o)),
    lookupIds,
    liveConnection,
    agentInfo: () => get(false, (c, o) => c.v1.me.$get({}, o)),
    runAction: (req) => runAction(get, req),
    // Always fresh: the audit is never cached by the relay either.
    readAudit: ({ id, agent, limit = 50, cursor }) =>
      get(false, (c, o) =>
        c.v1.admin.audit.$get(
          { query: { ...(id ? { id } : {}), ...(agent ? { agent } : {}), limit: String(limit), ...(cursor ? { cursor } : {}) } },
          o,
        ),
      ),
    readUsage: ({ days }) => get(false, (c, o) => c.v1.admin.usage.$get({ query: { days: String(days) } }, o)),
  } satisfies RelayHandlers
}

export type Relay = ReturnType<typeof createRelay>
