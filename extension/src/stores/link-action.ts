import { signal } from '@preact/signals'
import { newIdempotencyKey, type ActionAnswer, type ActionName } from '../lib/actions.ts'
import type { RelayResult, Send } from '../lib/messages.ts'
import { parseTime } from '../lib/format.ts'
import { failureState, settle, type FailureState } from './fetch-state.ts'

/**
 * Where "Send a new link" is: closed; the confirm step (which names the ID and how long it is valid); sending;
 * refused until the requester is confirmed; failed; or sent, with the reply holding the link.
 */
export type LinkStep =
  | { step: 'closed' }
  | { step: 'confirm' }
  | { step: 'sending' }
  | { step: 'requester-first' }
  /** The relay had already carried out this click's key (a vendor without keys), at `at`: it keeps no link to show again. */
  | { step: 'already-made'; at: number }
  | { step: 'failed'; error: FailureState }
  | { step: 'sent'; link: string }

type Deps = {
  send: Send
  /** The vendor's action that makes the link (vendors/vendor.ts `VendorAction`), and the ID it acts on. */
  action: ActionName
  id: string
  /** Whether the relay wants a requester match before a link, and whether this view has one. */
  requesterConfirmed: () => boolean
  guarded: () => boolean
  now?: () => number
  /** How long the link stays valid, as the vendor's action takes it. */
  expiresInSeconds: number
  /** Writes the clipboard (the panel's navigator.clipboard by default). */
  copy?: (text: string) => Promise<void>
}

/** Where the reply with the link went: the ticket's reply box, the clipboard, or nowhere (the agent copies it). */
export type ReplyDelivery = 'composer' | 'clipboard' | 'not-copied'

/** The step a relay's answer to the link action leads to. */
function stepAfter(result: RelayResult<ActionAnswer>, now: () => number): LinkStep {
  // The background hands back a link or a failure for this action (relay-client.ts runAction).
  if (result.ok) return { step: 'sent', link: 'link' in result.data ? result.data.link : '' }
  const problem = result.error.problem
  if (problem?.code === ('requester-not-confirmed' as string)) return { step: 'requester-first' }
  if (problem?.code === ('already-made' as string)) return { step: 'already-made', at: parseTime(problem.madeAt) ?? now() }
  return { step: 'failed', error: failureState(result.error, now()) }
}

/** The reply into the ticket's reply box (background/reply-composer.ts); where none is found, onto the clipboard. */
async function deliverReply(
  { send, id, copy }: { send: Send; id: string; copy: (text: string) => Promise<void> },
  text: string,
): Promise<ReplyDelivery> {
  const sent = await send('insertReply', { id, text }).catch(() => ({ inserted: false }))
  if (sent.inserted) return 'composer'
  return copy(text).then(
    () => 'clipboard' as const,
    () => 'not-copied' as const,
  )
}

/**
 * One object's "Send a new link". A confirmed click gets one Idempotency-Key, and a retry after a
 * failure sends the same key, so the vendor makes one link however often the network failed; a
 * new confirm is a new click. The link lives in `state` only until the agent closes the reply or
 * leaves the view: never in storage, and never sent to a content script.
 */
export function createLinkAction({
  send,
  action,
  id,
  requesterConfirmed,
  guarded,
  now = Date.now,
  expiresInSeconds,
  copy = (text) => navigator.clipboard.writeText(text),
}: Deps) {
  const state = signal<LinkStep>({ step: 'closed' })
  let key: string | null = null
  let generation = 0

  function open(): void {
    key = null
    state.value = guarded() && !requesterConfirmed() ? { step: 'requester-first' } : { step: 'confirm' }
  }

  async function confirm(): Promise<void> {
    if (state.value.step === 'sending') return
    if (guarded() && !requesterConfirmed()) {
      state.value = { step: 'requester-first' }
      return
    }
    key ??= newIdempotencyKey()
    const mine = ++generation
    state.value = { step: 'sending' }
    const result = await settle(send('runAction', { action, id, input: { expiresInSeconds }, idempotencyKey: key }))
    if (mine !== generation) return
    state.value = stepAfter(result, now)
    // A sent link or one the relay had made ends the click; a retry of a failure reuses its key.
    if (state.value.step === 'sent' || state.value.step === 'already-made') key = null
  }

  /** Cancel, or done with the reply: the link is dropped. */
  function close(): void {
    generation++
    key = null
    state.value = { step: 'closed' }
  }

  const deliver = (text: string) => deliverReply({ send, id, copy }, text)
  return { state, open, confirm, close, deliver, copy, action, expiresInSeconds }
}

export type LinkAction = ReturnType<typeof createLinkAction>
