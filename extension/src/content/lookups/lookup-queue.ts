import type { LookupEntry, LookupFailed, LookupFound } from '@idv-lens/shared/api'
import { MAX_IDS_PER_LOOKUP } from '@idv-lens/shared/ids'
import { backoffDelay, retriesBySelf } from '../../lib/backoff.ts'
import type { LookupIdsResult, RelayFailure } from '../../lib/messages.ts'
import { idKey, type PageId } from '../marks/mark-store.ts'
import { cell, type Cell } from '../cell.ts'

/** What the page knows about one ID. */
export type LookupState =
  | { state: 'queued' }
  | { state: 'loading' }
  /** `notCurrent`: asking again failed at `at` (relay not reached…): this is the last answer, kept and marked so. */
  | { state: 'found'; entry: LookupFound; at: number; notCurrent?: { failure: RelayFailure; at: number } }
  /**
   * The relay answered for this ID, but without the object: not found, the vendor failed for it, or
   * the team's vendor budget is spent for now (`budget-exhausted`: asked again after `retryAfter`).
   */
  | { state: 'missing'; entry: LookupFailed; at: number }
  /** The call itself failed (relay not configured, unreachable, token refused, rate-limited). */
  | { state: 'failed'; failure: RelayFailure; at: number }

export type LookupQueueDeps = {
  /** The background's `lookupIds` (the only way an ID leaves the page, and only to the agent's relay); `refresh`: past the relay's cache. */
  send: (ids: string[], options?: { background?: boolean; refresh?: boolean }) => Promise<LookupIdsResult>
  /** Called with the keys whose state changed. */
  onUpdate?: (keys: string[]) => void
  now?: () => number
  setTimer?: (run: () => void, ms: number) => unknown
  /** How long IDs gather before a call: one call for everything that scrolled into view together. */
  gatherMs?: number
  maxInFlight?: number
  batchSize?: number
  /** A failed call is tried again on the next hover after this long. */
  retryFailedMs?: number
  /** Answers kept at most (the oldest settled ones go first): a page that keeps swapping IDs must not grow this forever. */
  maxStates?: number
}

export type RequestOptions = {
  /** Hover or focus: skip the gathering delay. */
  urgent?: boolean
  /** Look again if the answer is older than this (an agent keeps a ticket open for hours). */
  maxAgeMs?: number
}

/**
 * Batches ID lookups: at most `batchSize` (100, what the relay takes) per call, at most
 * `maxInFlight` calls at once, urgent IDs first. Each ID is asked once, answers are kept, and a
 * rate-limited call waits for Retry-After before the queue moves again.
 */
export function createLookupQueue(deps: LookupQueueDeps) {
  const now = deps.now ?? Date.now
  const states = new Map<string, LookupState>()
  const ids = new Map<string, string>() // key → ID as first written
  // IDs the relay could not resolve for lack of budget; re-asked after the wait, as background work.
  const retrying = new Set<string>()
  const cells = createStateCells((key) => states.get(key))
  const maxStates = deps.maxStates ?? 4000

  /** Records `state` as the newest; past `maxStates`, forgets the oldest answers (never one still asked for). */
  function set(key: string, state: LookupState): void {
    states.delete(key)
    states.set(key, state)
    cells.changed(key, state)
    if (states.size <= maxStates) return
    for (const [old, s] of states) {
      if (states.size <= maxStates) break
      if (s.state === 'queued' || s.state === 'loading') continue
      states.delete(old)
      cells.changed(old, undefined)
      ids.delete(old)
      retrying.delete(old)
    }
  }

  const { request, sendNow } = createBatches({ deps, now, states, ids, retrying, set })
  return {
    request,
    /**
     * These IDs changed (background/object-changes.ts): those already answered are asked again past
     * the relay's cache, at once; their answer stays on screen until the new one is in.
     */
    reread(items: readonly Pick<PageId, 'id' | 'kind'>[]): void {
      const keys = items
        .map(({ id, kind }) => idKey(id, kind))
        .filter((key) => {
          const s = states.get(key)?.state
          return s === 'found' || s === 'missing' || s === 'failed'
        })
      if (keys.length > 0) void sendNow(keys)
    },
    get: (key: string): LookupState | undefined => states.get(key),
    /** The ID's state as a cell: a card or a list row subscribes to its own ID alone. */
    stateOf: cells.of,
    /** Forget failed calls (settings changed): they are asked again on the next request. Returns their keys. */
    forgetFailures(): Set<string> {
      const forgotten = new Set<string>()
      for (const [key, s] of states) {
        if (s.state !== 'failed') continue
        states.delete(key)
        cells.changed(key, undefined)
        forgotten.add(key)
      }
      return forgotten
    },
  }
}

/** What the queue knows, shared by its asking side: each ID's state (`set` records a new one), its ID as first written, and those re-asked by themselves. */
type QueueRecords = {
  deps: LookupQueueDeps
  now: () => number
  states: Map<string, LookupState>
  ids: Map<string, string>
  retrying: Set<string>
  set: (key: string, state: LookupState) => void
}

/** Where keys wait to be asked for: urgent ones first, then the gathered, then those re-asked as background work. */
type Lanes = { urgent: Set<string>; normal: Set<string>; retrying: Set<string> }

/** Puts the items the queue is to ask for in their lane; returns the keys that now say "queued". */
function enqueue(
  { deps, now, states, ids, set }: QueueRecords,
  items: readonly Pick<PageId, 'id' | 'kind'>[],
  options: RequestOptions,
  { urgent, normal }: Lanes,
): string[] {
  const retryFailedMs = deps.retryFailedMs ?? 15_000
  const changed: string[] = []
  for (const { id, kind } of items) {
    const key = idKey(id, kind)
    if (options.urgent && normal.delete(key)) urgent.add(key)
    const s = states.get(key)
    if (!wants(s, options, now, retryFailedMs)) continue
    ids.set(key, id)
    ;(options.urgent ? urgent : normal).add(key)
    // A refresh keeps showing the old answer until the new one arrives.
    if (!s || s.state === 'failed') {
      set(key, { state: 'queued' })
      changed.push(key)
    }
  }
  return changed
}

/** A batch going out: its IDs without an answer say "loading" (a refresh keeps showing the answer it replaces). */
function markLoading({ states, set }: QueueRecords, batch: readonly string[]): void {
  for (const key of batch) {
    const state = states.get(key)?.state
    if (state === 'queued' || state === 'failed') set(key, { state: 'loading' })
  }
}

/**
 * The queue's asking side: IDs wait in `urgent`, `normal` and `retrying`, gathered for `gatherMs`
 * (urgent ones not at all), and go out a batch at a time. Returns `request`.
 */
function createBatches(records: QueueRecords) {
  const { deps, now } = records
  const setTimer = deps.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms))
  const gatherMs = deps.gatherMs ?? 80
  const maxInFlight = deps.maxInFlight ?? 2
  const batchSize = Math.min(deps.batchSize ?? MAX_IDS_PER_LOOKUP, MAX_IDS_PER_LOOKUP)
  const lanes: Lanes = { urgent: new Set(), normal: new Set(), retrying: records.retrying }
  const { urgent, normal, retrying } = lanes
  let inFlight = 0
  let timerSet = false
  let pausedUntil = 0
  const retry = (keys: string[]) => {
    for (const key of keys) retrying.add(key)
    schedule(0)
  }
  const pause = (until: number, keys: string[]) => {
    pausedUntil = until
    for (const key of keys) normal.add(key)
  }
  const send = createSendBatch({ ...records, setTimer, retry, pause })

  function request(items: readonly Pick<PageId, 'id' | 'kind'>[], options: RequestOptions = {}): void {
    const changed = enqueue(records, items, options, lanes)
    if (changed.length > 0) deps.onUpdate?.(changed)
    if (options.urgent) flush()
    else schedule(gatherMs)
  }

  function schedule(delay: number): void {
    if (timerSet || urgent.size + normal.size + retrying.size === 0) return
    const wait = Math.max(delay, pausedUntil - now())
    if (wait <= 0) return void flush()
    timerSet = true
    setTimer(() => {
      timerSet = false
      flush()
    }, wait)
  }

  function flush(): void {
    if (pausedUntil > now()) return schedule(0)
    while (inFlight < maxInFlight && urgent.size + normal.size + retrying.size > 0) {
      const background = urgent.size + normal.size === 0
      const batch = takeBatch([urgent, normal, retrying], batchSize)
      markLoading(records, batch)
      deps.onUpdate?.(batch)
      inFlight++
      void send(batch, background).finally(() => {
        inFlight--
        schedule(0)
      })
    }
  }

  return { request, sendNow: (keys: string[]) => send(keys, false, true) }
}

/** What the sending side adds to the records: its timer, and where keys to be asked again go back. */
type SendParts = QueueRecords & {
  setTimer: (run: () => void, ms: number) => unknown
  /** Asks for `keys` again, as background work. */
  retry: (keys: string[]) => void
  /** The whole queue waits until `until`; `keys` go back in it. */
  pause: (until: number, keys: string[]) => void
}

/** The background's answer for `batch`; a failure of its own when the background went away (extension updated). */
async function askBackground(
  { deps, ids }: SendParts,
  batch: readonly string[],
  options: { background: boolean; refresh: boolean },
): Promise<LookupIdsResult> {
  const { background, refresh } = options
  try {
    const asked = batch.map((key) => ids.get(key) ?? key)
    return await (background || refresh
      ? deps.send(asked, { ...(background ? { background } : {}), ...(refresh ? { refresh } : {}) })
      : deps.send(asked))
  } catch (err) {
    // The page keeps working without statuses.
    return {
      ok: false,
      error: { kind: 'internal', reason: { code: 'extension-failed', error: err instanceof Error ? err.message : String(err) } },
    }
  }
}

/** IDs of `batch` that were not looked up (the tab used its budget) say so; returns the rest, answered by the call. */
function refuseOverBudget(
  { deps, ids, set }: SendParts,
  batch: string[],
  overBudget: NonNullable<LookupIdsResult['overBudget']>,
  at: number,
): string[] {
  const refused = new Set(overBudget.ids)
  const skipped = batch.filter((key) => refused.has(ids.get(key) ?? key))
  for (const key of skipped) set(key, { state: 'failed', failure: overBudget.failure, at })
  deps.onUpdate?.(skipped)
  return batch.filter((key) => !refused.has(ids.get(key) ?? key))
}

/** Records the relay's answer for each ID of `batch`; one the vendor's budget held back is asked again after its wait. */
function recordAnswers(
  { states, set, setTimer, retry }: SendParts,
  batch: readonly string[],
  entries: readonly LookupEntry[],
  at: number,
): void {
  const byKey = new Map<string, LookupEntry>()
  for (const entry of entries) byKey.set(idKey(entry.id, entry.kind), entry)
  for (const key of batch) {
    const entry = byKey.get(key)
    if (!entry) set(key, { state: 'failed', failure: { kind: 'internal', reason: { code: 'no-answer-for-id' } }, at })
    else if (entry.found) set(key, { state: 'found', entry, at })
    else {
      set(key, { state: 'missing', entry, at })
      if (isWaiting(entry)) {
        setTimer(
          () => {
            const s = states.get(key)
            if (s?.state === 'missing' && isWaiting(s.entry)) retry([key])
          },
          (entry.error.retryAfter ?? 10) * 1000,
        )
      }
    }
  }
}

/**
 * Asks the relay for one batch and records its answers. What is to be asked again goes back by
 * `retry` (as background work, when its wait is over) or by `pause` (the whole queue waits).
 */
function createSendBatch(parts: SendParts) {
  const { deps, now, states, set, setTimer, retry, pause } = parts
  // Calls failed in a row for a reason that passes (relay down): the next automatic try waits longer.
  let failedInARow = 0
  return async (batch: string[], background: boolean, refresh = false): Promise<void> => {
    const result = await askBackground(parts, batch, { background, refresh })
    const at = now()
    if (result.overBudget) batch = refuseOverBudget(parts, batch, result.overBudget, at)
    if (!result.ok) {
      const failure = result.error
      for (const key of batch) set(key, failedState(states.get(key), failure, at))
      // Everyone shares the vendor's quota: wait as asked, then ask again for the same IDs.
      if (failure.kind === 'rate-limited') pause(at + (failure.retryAfter ?? 10) * 1000, batch)
      else if (retriesBySelf(failure)) {
        // The relay is down or restarting: ask again by itself, as background work, so the card
        // and the list show the answers once it is back without a hover.
        setTimer(() => retry(batch.filter((key) => isFailed(states.get(key)))), backoffDelay(failedInARow++, failure))
      }
      deps.onUpdate?.(batch)
      return
    }
    failedInARow = 0
    recordAnswers(parts, batch, result.data.data, at)
    deps.onUpdate?.(batch)
  }
}

/** A call that failed: an answer the ID had stays, marked not current; else the failure is the state. */
function failedState(before: LookupState | undefined, failure: RelayFailure, at: number): LookupState {
  if (before?.state === 'found') return { ...before, notCurrent: { failure, at } }
  return { state: 'failed', failure, at }
}

/** The last call for this ID failed (its answer, if it had one, is not current). */
const isFailed = (s: LookupState | undefined): boolean => s?.state === 'failed' || (s?.state === 'found' && s.notCurrent !== undefined)

/** Whether an ID in state `s` (none: never asked) is to be asked for (again), as of `now()`. */
function wants(s: LookupState | undefined, options: RequestOptions, now: () => number, retryFailedMs: number): boolean {
  if (!s) return true
  if (s.state === 'queued' || s.state === 'loading') return false
  // Waiting for the vendor's budget: the queue asks again by itself when the wait is over.
  if (s.state === 'missing' && isWaiting(s.entry)) return false
  if (s.state === 'failed') {
    if (s.failure.kind === 'rate-limited') return false
    // Over the tab's lookup budget: nothing to ask until the background says there is room.
    if (s.failure.kind === 'over-budget') return now() - s.at >= (s.failure.retryAfter ?? 60) * 1000
    return now() - s.at >= retryFailedMs
  }
  // The answer is not current (asking again failed): asked again like a failed call.
  if (s.state === 'found' && s.notCurrent) return s.notCurrent.failure.kind !== 'rate-limited' && now() - s.notCurrent.at >= retryFailedMs
  // The vendor failed for this one ID (not "not found"): worth another try later, like a failed call.
  if (s.state === 'missing' && s.entry.error.code !== 'not-found' && now() - s.at >= retryFailedMs) return true
  return options.maxAgeMs !== undefined && now() - s.at > options.maxAgeMs
}

/** Takes up to `size` keys out of `sources`, the first source first. */
function takeBatch(sources: Set<string>[], size: number): string[] {
  const batch: string[] = []
  for (const source of sources) {
    for (const key of source) {
      if (batch.length >= size) break
      batch.push(key)
      source.delete(key)
    }
  }
  return batch
}

export type LookupQueue = ReturnType<typeof createLookupQueue>

/**
 * One cell per ID, made when something asks for it and dropped once the queue forgot the ID and
 * nothing listens: a page that swaps thousands of IDs keeps only the cells in use.
 */
function createStateCells(current: (key: string) => LookupState | undefined) {
  const held = new Map<string, { cell: Cell<LookupState | undefined>; listeners: number }>()
  return {
    of(key: string): Readonly<Cell<LookupState | undefined>> {
      let entry = held.get(key)
      if (!entry) held.set(key, (entry = { cell: cell(current(key)), listeners: 0 }))
      const own = entry
      return {
        get value() {
          return own.cell.value
        },
        subscribe(listener) {
          own.listeners++
          const stop = own.cell.subscribe(listener)
          return () => {
            stop()
            if (--own.listeners === 0 && current(key) === undefined && held.get(key) === own) held.delete(key)
          }
        },
      }
    },
    changed(key: string, state: LookupState | undefined): void {
      const entry = held.get(key)
      if (!entry) return
      entry.cell.value = state
      if (state === undefined && entry.listeners === 0) held.delete(key)
    },
  }
}

/** The relay had no budget left for this ID (or the vendor asked it to wait): not an error, a wait. */
export function isWaiting(entry: LookupFailed): boolean {
  return entry.error.code === 'budget-exhausted' || entry.error.code === 'rate-limited'
}

/** The relay's answer in `state`, when it answered for the ID. */
export const answerOf = (state: LookupState | undefined): LookupEntry | undefined =>
  state?.state === 'found' || state?.state === 'missing' ? state.entry : undefined
