import { computed, signal } from '@preact/signals'
import { ID_PATTERNS, type IdKind } from '@idv-lens/shared/ids'
import type { DetailSection, Send } from '../lib/messages.ts'
import type { Resource } from '../stores/resource.ts'
import { createAuditStore } from '../stores/audit-store.ts'
import { detailView } from '../vendors/details.ts'
import { answeredKind, answerFor } from '../lib/uuid-owner.ts'
import type { DetailModel } from '../vendors/vendor-view.ts'

/** A detail view: what every one has (vendors/vendor-view.ts), and its vendor's own sections. */
export type DetailView = DetailModel

/** The kinds with a detail whose shape `id` has: more than one for a UUID (every UUID vendor's). */
const shownKinds = (id: string): IdKind[] => ID_PATTERNS.filter((p) => p.exact.test(id) && detailView(p.kind)).map((p) => p.kind)

/** Whose UUID it is (lib/uuid-owner.ts), by the relay's lookup; with no answer (relay not reached), the first of `kinds`. */
async function askedKind(id: string, kinds: IdKind[], send: Send): Promise<IdKind> {
  const answer = await send('lookupIds', { ids: [id] }).catch(() => null)
  return answeredKind(kinds[0]!, answer?.ok ? answerFor(id, answer.data.data) : undefined, kinds)
}

/** A view for `id` as an ID of `kind`, by its vendor's detail (vendors/details.ts). */
function viewFor(id: string, kind: IdKind, send: Send, now: () => number = Date.now): DetailView | null {
  const def = detailView(kind)
  if (!def) return null
  // The view reloads itself after a write; `self` is set below, before anything can be clicked.
  let self: DetailView | null = null
  return (self = def.create({ kind, id, send, now, reload: () => self && loadView(self, true) }))
}

/** What a view loads at once, and what waits for its main object (it needs the record's status, references or reference ID). */
function partsOf(view: DetailView): { first: Resource<unknown>[]; after: Resource<unknown>[] } {
  return { first: [view.main, ...view.first], after: view.after }
}

/**
 * The object IDs a view shows: its own, and those its sections list (an inquiry's sessions,
 * verifications and cases; a session's inquiry). A change to any of them re-reads the view.
 */
export function idsShown(view: DetailView): Set<string> {
  return new Set([view.id, ...view.idsShown()])
}

const resourcesOf = (view: DetailView) => {
  const { first, after } = partsOf(view)
  return [...first, ...after]
}

/**
 * Loads a view: the main object and the sections beside it at once, those that need the main
 * object once it is there. Without it (relay not reached) they wait: a history asked for without
 * the inquiry's reference ID would claim it has none. They load when the main object comes back.
 */
function loadView(view: DetailView, force: boolean): void {
  const { first, after } = partsOf(view)
  const [main, ...rest] = first
  const loaded = main!.load(force)
  for (const resource of rest) void resource.load(force)
  if (after.length === 0) return
  void loaded.then(() => {
    let done = false
    const stop = main!.data.subscribe((data) => {
      if (done || data === null) return
      done = true
      for (const resource of after) void resource.load(force)
      queueMicrotask(() => stop())
    })
  })
}

/**
 * Whether a view is still filling in: a read under way, or, once the main object is in, a section that
 * waits for it and has not answered yet. Sections move as they fill, so the detail says so (aria-busy).
 */
export function viewBusy(view: DetailView): boolean {
  const { first, after } = partsOf(view)
  if (first.some((resource) => resource.loading.value)) return true
  if (view.main.data.value === null) return false
  return after.some((resource) => resource.loading.value || (resource.data.value === null && resource.error.value === null))
}

/** The stack's first `keep` views; the views left stop their automatic retries (nobody sees them). */
function leave(stack: DetailView[], keep: number): DetailView[] {
  for (const view of stack.slice(Math.max(0, keep))) for (const resource of resourcesOf(view)) resource.stop()
  return stack.slice(0, Math.max(0, keep))
}

/**
 * Objects changed (background/object-changes.ts): the view on screen re-reads itself past the
 * relay's cache when it shows one of them, keeping what it shows until the new answer is in.
 */
function rereadShown(view: DetailView | null, ids: readonly string[]): boolean {
  if (!view) return false
  const shown = idsShown(view)
  if (!ids.some((id) => shown.has(id))) return false
  loadView(view, true)
  return true
}

/**
 * The side panel's detail views as a stack: following a link (session → its inquiry) pushes,
 * "Back" pops, and the list is underneath when the stack is empty.
 */
export function createDetailStore(send: Send, now?: () => number) {
  const stack = signal<DetailView[]>([])
  const current = computed(() => stack.value.at(-1) ?? null)
  let opened = 0

  /**
   * Shows `id`; false when it is not an ID we know. Opening the ID already shown reloads it.
   * `section`: the part a card's button leads to (the requester check, the history).
   */
  function open(id: string, section?: DetailSection): boolean {
    const shown = current.value
    if (shown?.id === id) {
      refresh(false)
      if (section && shown.focus) shown.focus.value = section
      return true
    }
    const kinds = shownKinds(id)
    const asked = ++opened
    if (kinds.length === 0) return false
    if (kinds.length === 1) return push(id, kinds[0]!, section)
    // A later open wins over a UUID still being resolved.
    void askedKind(id, kinds, send).then((kind) => asked === opened && push(id, kind, section))
    return true
  }

  function push(id: string, kind: IdKind, section: DetailSection | undefined): boolean {
    const view = viewFor(id, kind, send, now)
    if (!view) return false
    if (section && view.focus) view.focus.value = section
    stack.value = [...stack.value, view]
    loadView(view, false)
    return true
  }

  function refresh(force = true): void {
    const view = current.value
    if (view) loadView(view, force)
  }

  return {
    stack,
    current,
    audit: createAuditStore(send, now),
    open,
    refresh,
    reread: (ids: readonly string[]) => rereadShown(current.peek(), ids),
    // Leaving drops a UUID still being resolved, too.
    back: () => void ((opened += 1), (stack.value = leave(stack.value, stack.value.length - 1))),
    close: () => void ((opened += 1), (stack.value = leave(stack.value, 0))),
  }
}

export type DetailStore = ReturnType<typeof createDetailStore>
