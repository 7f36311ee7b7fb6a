import { signal } from '@preact/signals'
import type { ActionName } from '../lib/actions.ts'
import type { Send } from '../lib/messages.ts'
import { failureState, settle, type FailureState } from './fetch-state.ts'

/** Which control an answer belongs to: the vendor's action, and the input it was sent with. */
export type ActionTarget = { action: ActionName; input?: unknown }

type Deps = {
  send: Send
  /** Reloads the view past the relay's cache once a write is done, so what is on screen is the vendor's new state. */
  reload: () => void
  now?: () => number
}

/**
 * The one-click actions of one detail view (vendors/vendor.ts `VendorAction`): one at a time, each
 * answer (done or why not) kept for the control that asked, and after a write the view reloads
 * itself, without a click.
 */
export function createObjectActions({ send, reload, now = Date.now }: Deps) {
  const busy = signal<ActionTarget | null>(null)
  const error = signal<{ target: ActionTarget; error: FailureState } | null>(null)
  const done = signal<ActionTarget | null>(null)

  /** Does `target` to the object `id`; false when another is under way or the relay refused. */
  async function run(id: string, target: ActionTarget): Promise<boolean> {
    if (busy.value) return false
    busy.value = target
    error.value = null
    done.value = null
    try {
      const result = await settle(send('runAction', { action: target.action, id, input: target.input }))
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

  return { busy, error, done, run }
}

export type ObjectActions = ReturnType<typeof createObjectActions>
