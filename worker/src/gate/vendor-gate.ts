import { DurableObject } from 'cloudflare:workers'
import type { VendorName } from '@idv-lens/shared/api'
import { ApiError } from '../errors.ts'
import type { Vendor, VendorTable } from '../vendor-shape/vendor.ts'
import { MAX_UPSTREAM_BYTES, NoRoom, readCapped } from '../bodies/read-capped.ts'
import { checkVendorBody } from '../bodies/vendor-bodies.ts'
import { Budget, CALLER_REFUSALS, type Denial } from './budget.ts'
import { SqlBudgetStore } from './sql-budget-store.ts'
import { INTERACTIVE_WAIT_MS, REFRESH_FLOOR_MS } from './limits.ts'
import { ByteBudget } from '../bodies/byte-budget.ts'
import { ConnectionSlots } from './connection-slots.ts'
import { ChangedRecords, type Changes } from './changed-records.ts'
import { RequesterChecks } from './requester-checks.ts'
import { ActionGuards } from './action-guards.ts'
import type {
  ActionResult,
  GateAction,
  GateCall,
  GateResult,
  GateStatus,
  GateTarget,
  RequesterCheckBounds,
  RequesterCheckVerdict,
} from './protocol.ts'

/** Time as the gate sees it; tests inject one they move by hand. */
export type GateClock = { now(): number; sleep(ms: number): Promise<void> }

export const realClock: GateClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

const RECENT_MAX_ENTRIES = 200
/**
 * Large vendor bodies (256 KB and more) the gate reads at once: a few documented pages of the largest
 * kind. Each body holds room as its bytes arrive (bodies/byte-budget.ts), so one that ends small never held
 * more; a read that finds no room waits (the vendor's stream held back) until another gives room back
 * or the call's timeout: 40 concurrent 5 MB answers must not take the object past its memory, nor be
 * refused after their vendor calls were spent.
 */
const BODIES_MAX_BYTES = 24 * 1024 * 1024
const LARGE_BODY_BYTES = 256 * 1024
/** The runtime's own limit of open connections (connection-slots.ts). */
const VENDOR_CONNECTIONS = 6
/** Vendor bodies kept for the refresh floor: 200 bodies of up to 5 MB each would not fit in the isolate. */
const RECENT_MAX_BYTES = 8 * 1024 * 1024

/** The records a vendor's 2xx answer to an action names besides the one acted on (none when it is not JSON). */
function answerNames(vendor: Vendor, body: string): string[] {
  const names = vendor.actionChanges
  if (!names) return []
  try {
    return names(JSON.parse(body))
  } catch {
    return []
  }
}

type Inflight = { startedAt: number; result: Promise<GateResult> }
type Recent = { at: number; result: Extract<GateResult, { kind: 'response' }> }

/**
 * The vendor gate: one instance per vendor environment (vendor + base URL + environment name, see
 * gateName; never the key), and the only code that calls a vendor. Every isolate in every location hands
 * its misses here, so the budget, the coalescing of identical calls and the vendor's 429 hold are global.
 * SQLite-backed (sql-budget-store.ts) for the rolling window's call times, the day's counts and the hold:
 * a restart admits nothing the budget would not. Abstract over its vendors: index.ts binds the registry's.
 */
export abstract class VendorGate extends DurableObject {
  /** Every vendor this gate may call (the registry, vendors/index.ts, set by index.ts's subclass). */
  protected abstract readonly vendors: VendorTable
  /** Replaced by tests (runInDurableObject) to drive time. */
  clock: GateClock = realClock
  private budget: Budget | null = null
  private readonly store: SqlBudgetStore
  private readonly requesterChecks: RequesterChecks
  private readonly actionGuards: ActionGuards
  private readonly inflight = new Map<string, Inflight>()
  /** Keyed actions in flight where the vendor takes no key (`ActionGuard.once`), by hashed object and attempt. */
  private readonly acting = new Map<string, Promise<ActionResult>>()
  private readonly recent = new Map<string, Recent>()
  private recentBytes = 0
  private readonly changed = new ChangedRecords()
  /** Replaced by tests to see the oldest copies dropped. */
  recentMaxBytes = RECENT_MAX_BYTES
  private calls = 0
  private shared = 0
  private vendor429s = 0
  private readonly shed: Partial<Record<Denial['reason'], number>> = {}
  /** Replaced by tests to make room scarce. */
  bodies = new ByteBudget(BODIES_MAX_BYTES, LARGE_BODY_BYTES)
  private readonly connections = new ConnectionSlots(VENDOR_CONNECTIONS)

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env)
    this.ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS hold (id INTEGER PRIMARY KEY CHECK (id = 1), until INTEGER NOT NULL)')
    this.store = new SqlBudgetStore(this.ctx.storage.sql)
    this.requesterChecks = new RequesterChecks(this.ctx.storage.sql)
    this.actionGuards = new ActionGuards(this.ctx.storage.sql)
  }

  private budgetFor(target: GateTarget): Budget {
    if (!this.budget) {
      this.budget = new Budget(target.limits, this.store)
      // The window as it stood before this instance started (a deploy or an eviction mid-window).
      this.budget.restore(this.store.callsSince(this.clock.now() - target.limits.windowMs))
      const held = this.ctx.storage.sql.exec<{ until: number }>('SELECT until FROM hold WHERE id = 1').toArray()[0]
      if (held) this.budget.restoreHold(held.until)
    } else {
      // Limits come with every call: a deploy that changes a variable applies at once.
      this.budget.limits = target.limits
    }
    return this.budget
  }

  /**
   * RPC: performs `call` against the vendor if the budget allows, or joins an identical one in flight.
   * A joined call refused for its caller's own share or priority is asked again under this caller's.
   */
  async call(call: GateCall, target: GateTarget): Promise<GateResult> {
    let joined: Inflight | undefined
    for (;;) {
      const now = this.clock.now()
      this.pruneRecent(now)
      const recent = this.recent.get(call.key)
      const wide = call.list === true
      if (recent && !this.changed.outdates({ call, body: recent.result.body, wide }, recent.at)) {
        this.shared++
        // Its age goes with it: the Worker stores it as the copy it is, never as one made now.
        return { ...recent.result, shared: true, ageMs: Math.max(0, now - recent.at) }
      }
      const running = this.inflight.get(call.key)
      // A load older than the timeout is never joined: it is as good as lost; nor one begun before a change it may be about.
      if (
        running &&
        running !== joined &&
        now - running.startedAt < target.timeoutMs &&
        !this.changed.outdates({ call, wide }, running.startedAt)
      ) {
        this.shared++
        joined = running
        const result = await running.result
        if (result.kind === 'denied' && CALLER_REFUSALS.has(result.reason)) continue
        return 'shared' in result ? { ...result, shared: true } : result
      }
      return this.lead(call, target, now)
    }
  }

  private async lead(call: GateCall, target: GateTarget, now: number): Promise<GateResult> {
    const result = this.admitAndFetch(call, target)
    const entry = { startedAt: now, result }
    this.inflight.set(call.key, entry)
    try {
      return await result
    } finally {
      if (this.inflight.get(call.key) === entry) this.inflight.delete(call.key)
    }
  }

  /**
   * RPC: a verified webhook says the vendor changed these records. No answer about one that was
   * asked before now is shared again: the next call, a refresh included, goes to the vendor.
   */
  changedRecords(ids: string[]): void {
    this.changed.mark(ids, this.clock.now())
  }

  /** RPC: the records marked changed since `since` (a settled lookup summary kept from then is confirmed by it). */
  changesSince(since: number): Changes {
    return this.changed.changesSince(since)
  }

  /** RPC: counts one requester check (routes/requester-check.ts), or says whose bound it met. */
  requesterCheck(agent: string, object: string, bounds: RequesterCheckBounds): RequesterCheckVerdict {
    return this.requesterChecks.count(agent, object, this.clock.now(), bounds)
  }

  /** RPC: counts one requester check of the record holding the person (an Onfido run's applicant), or says whose bound it met. */
  requesterRecordCheck(record: string, bounds: RequesterCheckBounds): RequesterCheckVerdict {
    return this.requesterChecks.countRecord(record, this.clock.now(), bounds)
  }

  /** RPC: counts one requester check's no-match of `object` (its lockout). */
  requesterNoMatch(object: string): void {
    this.requesterChecks.noMatch(object, this.clock.now())
  }

  /**
   * RPC: one agent action (a vendor write), its guards checked first in the same round trip (a
   * requester match, a keyed attempt already made, the day's count). Admitted by the budget as an
   * interactive call is, then made alone: never joined, shared or kept (its answer may hold what only
   * its caller may see). A count taken for an attempt the vendor did not answer 2xx is given back here.
   */
  async act(action: GateAction, target: GateTarget): Promise<ActionResult> {
    const once = action.guard?.once
    if (!once) return this.actGuarded(action, target)
    // A repeat of a keyed attempt still in flight waits for it: the first one's 2xx answers it, with no second write.
    const key = `${once.object}/${once.attempt}`
    for (let running = this.acting.get(key); running; running = this.acting.get(key)) await running.catch(() => undefined)
    const result = this.actGuarded(action, target)
    this.acting.set(key, result)
    try {
      return await result
    } finally {
      if (this.acting.get(key) === result) this.acting.delete(key)
    }
  }

  private async actGuarded(action: GateAction, target: GateTarget): Promise<ActionResult> {
    const arrivedAt = this.clock.now()
    const passed = action.guard
      ? this.actionGuards.pass(action.agent, action.guard, arrivedAt)
      : { kind: 'passed' as const, counted: false }
    if (passed.kind === 'refused') return passed
    const daily = passed.counted ? action.guard?.daily : undefined
    const once = action.guard?.once
    let made = false
    try {
      const result = await this.write(action, target, arrivedAt)
      made = result.kind === 'response' && result.status >= 200 && result.status < 300
      // Only a 2xx is remembered: a failed attempt's retry goes to the vendor again.
      if (made && once) this.actionGuards.made(once.object, once.attempt, this.clock.now())
      const taken = daily ?? (made ? once : undefined)
      return made && taken ? { ...result, counted: { object: taken.object, attempt: taken.attempt } } : result
    } finally {
      if (daily && !made) this.actionGuards.uncountDaily(daily.object, daily.attempt)
    }
  }

  /**
   * The write itself. The records it changes are marked before and after, and with them every record
   * its answer names (the vendor's `actionChanges`), so no answer from before is shared again.
   */
  private async write(action: GateAction, target: GateTarget, arrivedAt: number): Promise<GateResult> {
    const admitted = await this.admit({ priority: 'interactive', agent: action.agent }, target)
    if (admitted.kind === 'denied') return admitted
    this.changed.mark(action.changed, this.clock.now())
    const call = { provider: action.provider, path: action.path, query: '', headers: action.headers }
    const result = await this.fetchVendor(call, target, admitted.at - arrivedAt, { method: 'POST', body: action.body })
    if (result.kind === 'response') this.learn(result, this.budgetFor(target))
    const named =
      result.kind === 'response' && result.status >= 200 && result.status < 300
        ? answerNames(this.vendors[action.provider], result.body)
        : []
    this.changed.mark([...action.changed, ...named], this.clock.now())
    return result
  }

  /** RPC: a requester check answered `match` (routes/requester-check.ts). */
  requesterMatched(agent: string, object: string): void {
    this.actionGuards.matched(agent, object, this.clock.now())
  }

  /** RPC: gives back a day's count when the vendor's answer was no good (upstream/call-action.ts). */
  uncountDaily(object: string, attempt: string): void {
    this.actionGuards.uncountDaily(object, attempt)
  }

  /** RPC: the operator's view (no personal data: counts and times only). */
  status(target: GateTarget, provider: VendorName): GateStatus {
    const budget = this.budgetFor(target)
    return {
      provider,
      budget: budget.snapshot(this.clock.now()),
      calls: this.calls,
      shared: this.shared,
      shed: { ...this.shed },
      vendor429s: this.vendor429s,
    }
  }

  private async admitAndFetch(call: GateCall, target: GateTarget): Promise<GateResult> {
    const budget = this.budgetFor(target)
    const arrivedAt = this.clock.now()
    const admitted = await this.admit(call, target)
    if (admitted.kind === 'denied') return admitted
    const result = await this.fetchVendor(call, target, admitted.at - arrivedAt)
    if (result.kind === 'response') this.learn(result, budget)
    // Kept only when nothing it is about changed while it was asked (a list: nothing at all).
    const changedMeanwhile =
      result.kind === 'response' && this.changed.outdates({ call, body: result.body, wide: call.list === true }, arrivedAt)
    if (result.kind === 'response' && result.status >= 200 && result.status < 300 && !changedMeanwhile) {
      this.forgetRecent(call.key)
      this.recent.set(call.key, { at: this.clock.now(), result })
      this.recentBytes += result.body.length
      this.pruneRecent(this.clock.now())
    }
    return result
  }

  /** Waits for the budget (interactive calls up to 2 s) and takes one call, or answers the denial. */
  private async admit(
    call: Pick<GateCall, 'priority' | 'agent'>,
    target: GateTarget,
  ): Promise<{ kind: 'admitted'; at: number } | Extract<GateResult, { kind: 'denied' }>> {
    const budget = this.budgetFor(target)
    let now = this.clock.now()
    const deadline = now + (call.priority === 'interactive' ? INTERACTIVE_WAIT_MS : 0)
    for (;;) {
      const denial = budget.check(now, call.priority, call.agent)
      if (!denial) break
      // Waiting out a vendor hold is pointless within 2 s; waiting for a slot to free up is not.
      if (denial.reason === 'vendor-hold' || now + denial.retryAfterMs > deadline) {
        this.shed[denial.reason] = (this.shed[denial.reason] ?? 0) + 1
        return {
          kind: 'denied',
          reason: denial.reason,
          retryAfterSeconds: Math.max(1, Math.ceil(denial.retryAfterMs / 1000)),
          ...budget.quotaOf(denial.reason),
          resetSeconds: Math.max(1, Math.ceil(denial.retryAfterMs / 1000)),
        }
      }
      await this.clock.sleep(Math.max(1, denial.retryAfterMs))
      now = this.clock.now()
    }
    budget.take(now, call.agent)
    this.calls++
    return { kind: 'admitted', at: now }
  }

  /** The vendor's own signals: RateLimit-* resync (already read into the result) and a 429 hold. */
  private learn(result: Extract<GateResult, { kind: 'response' }>, budget: Budget): void {
    if (result.status !== 429) return
    this.vendor429s++
    const seconds = budget.hold(this.clock.now(), result.retryAfterSeconds ?? 30)
    result.retryAfterSeconds = seconds
    const until = this.clock.now() + seconds * 1000
    this.ctx.storage.sql.exec(
      'INSERT INTO hold (id, until) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET until = MAX(until, excluded.until)',
      until,
    )
  }

  private async fetchVendor(
    call: Pick<GateCall, 'provider' | 'path' | 'query' | 'headers'>,
    target: GateTarget,
    waitedMs: number,
    write?: { method: 'POST'; body: string },
  ): Promise<GateResult> {
    const provider = this.vendors[call.provider]
    // A timer cleared once the body is read: AbortSignal.timeout's would outlive the call and keep the
    // object from being evicted until it fires.
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), target.timeoutMs)
    const signal = controller.signal
    const url = `${target.base}/${call.path}${call.query ? `?${call.query}` : ''}`
    const startedAt = performance.now()
    if (!(await this.connections.take(signal))) {
      clearTimeout(timer)
      return { kind: 'timeout', shared: false }
    }
    // Given back whole in the finally below, however the read ends.
    const room = this.bodies.lease(MAX_UPSTREAM_BYTES)
    try {
      const signed = {
        method: write?.method ?? 'GET',
        pathWithQuery: url.slice(target.base.length),
        body: write?.body ?? '',
        nowMs: this.clock.now(),
        signingKey: target.signingKey ?? null,
      }
      const auth = await provider.authHeaders(target.apiKey, signed)
      const res = await fetch(url, {
        method: signed.method,
        headers: { accept: 'application/json', ...(write ? { 'content-type': 'application/json' } : {}), ...call.headers, ...auth },
        ...(write ? { body: write.body } : {}),
        signal,
        redirect: 'manual',
      })
      const body = await readCapped(res, { maxBytes: MAX_UPSTREAM_BYTES, label: provider.label, provider: call.provider, room, signal })
      return this.answerOf(call, res, body, { startedAt, waitedMs, write: write !== undefined })
    } catch (err) {
      // readCapped's refusal: the vendor's body is over the cap, and none of it is passed on.
      if (err instanceof ApiError) return { kind: 'too-large', shared: false }
      // No room before the call's deadline is that deadline's answer, as a slow vendor's would be.
      return { kind: signal.aborted || err instanceof NoRoom ? 'timeout' : 'unreachable', shared: false }
    } finally {
      clearTimeout(timer)
      room.release()
      this.connections.release()
    }
  }

  /** The vendor's answer, read whole: its RateLimit-* headers resync the budget, and a success's body is checked. */
  private answerOf(
    call: Pick<GateCall, 'provider' | 'path'>,
    res: Response,
    body: string,
    { startedAt, waitedMs, write }: { startedAt: number; waitedMs: number; write: boolean },
  ): GateResult {
    const provider = this.vendors[call.provider]
    const remaining = res.headers.get('ratelimit-remaining')
    const reset = res.headers.get('ratelimit-reset')
    if (remaining !== null && reset !== null && this.budget) {
      const r = Number(remaining)
      const s = Number(reset)
      if (Number.isFinite(r) && Number.isFinite(s)) this.budget.resync(this.clock.now(), r, s)
    }
    // Checked here, before the refresh floor could keep it and hand it to the next callers.
    if (res.status >= 200 && res.status < 300) {
      const check = checkVendorBody(provider.bodies, call.path, body, write)
      if (!check.ok) return { kind: 'invalid', where: check.why === 'invalid' ? check.where : null, shared: false }
    }
    const kept = (provider.answerHeaders ?? []).flatMap((name) => {
      const value = res.headers.get(name)
      return value === null ? [] : [[name, value] as const]
    })
    return {
      kind: 'response',
      status: res.status,
      body,
      retryAfterSeconds: res.status === 429 ? provider.retryAfterSeconds(res.headers) : null,
      ...(kept.length ? { headers: Object.fromEntries(kept) } : {}),
      shared: false,
      // What the vendor took, so the Worker can tell the gate's own cost (Server-Timing: gate).
      vendorMs: performance.now() - startedAt,
      waitedMs: Math.max(0, waitedMs),
    }
  }

  private pruneRecent(now: number): void {
    // Insertion order is age order: drop from the front until an entry is young enough.
    for (const [key, entry] of this.recent) {
      if (now - entry.at < REFRESH_FLOOR_MS && this.recent.size <= RECENT_MAX_ENTRIES && this.recentBytes <= this.recentMaxBytes) break
      this.forgetRecent(key)
    }
  }

  private forgetRecent(key: string): void {
    const entry = this.recent.get(key)
    if (!entry) return
    this.recent.delete(key)
    this.recentBytes -= entry.result.body.length
  }
}
