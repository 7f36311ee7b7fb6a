import { signal } from '@preact/signals'
import type { CaseStatus } from '../lib/actions.ts'
import type { ActionDone, RelayResult, Send } from '../lib/messages.ts'
import { failureState, settle, type FailureState } from './fetch-state.ts'

/** Which control an answer belongs to: a tag (by name), the assignment, the status. */
export type ActionTarget = { kind: 'tag'; tag: string; on: boolean } | { kind: 'assign' } | { kind: 'status'; status: string }

type Deps = {
  send: Send
  /** Reloads the view past the relay's cache once a write is done, so what is on screen is the vendor's new state. */
  reload: () => void
  now?: () => number
}

/**
 * The tags and case actions of one detail view: one at a time, each answer (done or why not) kept
 * for the control that asked, and after a write the view reloads itself, without a click.
 */
export function createObjectActions({ send, reload, now = Date.now }: Deps) {
  const busy = signal<ActionTarget | null>(null)
  const error = signal<{ target: ActionTarget; error: FailureState } | null>(null)
  const done = signal<ActionTarget | null>(null)

  async function run(target: ActionTarget, call: () => Promise<RelayResult<ActionDone>>): Promise<boolean> {
    if (busy.value) return false
    busy.value = target
    error.value = null
    done.value = null
    try {
      const result = await settle(call())
      if (!result.ok) {
        error.value = { target, error: failureState(result.error, now()) }
        return false
      }
      done.value = target
      reload()
      return true
    } finally {
      busy.value = null
    }
  }

  return {
    busy,
    error,
    done,
    setTag: (id: string, tag: string, on: boolean) => run({ kind: 'tag', tag, on }, () => send('setInquiryTag', { id, tag, on })),
    assignToMe: (caseId: string) => run({ kind: 'assign' }, () => send('assignCaseToMe', { caseId })),
    setStatus: (caseId: string, status: CaseStatus) => run({ kind: 'status', status }, () => send('setCaseStatus', { caseId, status })),
  }
}

export type ObjectActions = ReturnType<typeof createObjectActions>
