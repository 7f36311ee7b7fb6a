import { computed, signal } from '@preact/signals'
import type {
  DeepidvSession,
  PersonaEvent,
  PersonaInquiry,
  PersonaInquirySession,
  PersonaList,
  PersonaSingle,
} from '@idv-lens/shared/api'
import { classifyId } from '@idv-lens/shared/ids'
import type { Send } from '../lib/messages.ts'
import { createResource, type Resource } from './resource.ts'
import { createAuditStore } from './audit-store.ts'

/** An inquiry's sessions and timeline come in one page: 100 is Persona's largest. */
const SECTION_SIZE = '100'

export type DetailView =
  | {
      kind: 'persona-inquiry'
      id: string
      main: Resource<PersonaSingle<PersonaInquiry>>
      sessions: Resource<PersonaList<PersonaInquirySession>>
      events: Resource<PersonaList<PersonaEvent>>
    }
  | { kind: 'persona-inquiry-session'; id: string; main: Resource<PersonaSingle<PersonaInquirySession>> }
  | { kind: 'persona-event'; id: string; main: Resource<PersonaSingle<PersonaEvent>> }
  | { kind: 'deepidv-session'; id: string; main: Resource<DeepidvSession> }

function viewFor(id: string, send: Send, now?: () => number): DetailView | null {
  const kind = classifyId(id)
  switch (kind) {
    case 'persona-inquiry':
      return {
        kind,
        id,
        main: createResource((refresh) => send('getInquiry', { id, refresh }), now),
        sessions: createResource(
          (refresh) => send('listInquirySessions', { query: { 'filter[inquiry-id]': id, 'page[size]': SECTION_SIZE }, refresh }),
          now,
        ),
        events: createResource(
          (refresh) => send('listEvents', { query: { 'filter[object-id]': id, 'page[size]': SECTION_SIZE }, refresh }),
          now,
        ),
      }
    case 'persona-inquiry-session':
      return { kind, id, main: createResource((refresh) => send('getInquirySession', { id, refresh }), now) }
    case 'persona-event':
      return { kind, id, main: createResource((refresh) => send('getEvent', { id, refresh }), now) }
    case 'deepidv-session':
      return { kind, id, main: createResource((refresh) => send('getDeepidvSession', { id, refresh }), now) }
    default:
      return null
  }
}

const resourcesOf = (view: DetailView) =>
  view.kind === 'persona-inquiry' ? [view.main, view.sessions, view.events] : [view.main]

/** The stack's first `keep` views; the views left stop their automatic retries (nobody sees them). */
function leave(stack: DetailView[], keep: number): DetailView[] {
  for (const view of stack.slice(Math.max(0, keep))) for (const resource of resourcesOf(view)) resource.stop()
  return stack.slice(0, Math.max(0, keep))
}

/**
 * The side panel's detail views as a stack: following a link (session → its inquiry) pushes,
 * "Back" pops, and the list is underneath when the stack is empty.
 */
export function createDetailStore(send: Send, now?: () => number) {
  const stack = signal<DetailView[]>([])
  const current = computed(() => stack.value.at(-1) ?? null)

  /** Shows `id`; false when it is not an ID we know. Opening the ID already shown reloads it. */
  function open(id: string): boolean {
    if (current.value?.id === id) {
      refresh(false)
      return true
    }
    const view = viewFor(id, send, now)
    if (!view) return false
    stack.value = [...stack.value, view]
    for (const resource of resourcesOf(view)) void resource.load()
    return true
  }

  function refresh(force = true): void {
    const view = current.value
    if (view) for (const resource of resourcesOf(view)) void resource.load(force)
  }

  return {
    stack,
    current,
    audit: createAuditStore(send, now),
    open,
    refresh,
    back: () => void (stack.value = leave(stack.value, stack.value.length - 1)),
    close: () => void (stack.value = leave(stack.value, 0)),
  }
}

export type DetailStore = ReturnType<typeof createDetailStore>
