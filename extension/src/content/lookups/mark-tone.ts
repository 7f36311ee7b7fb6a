import { statusTone } from '../../vendors/tones.ts'
import type { LookupState } from './lookup-queue.ts'

/** The colours of a status inside our closed shadow root (card and list); never in the marks' boxes. */
export const MARK_TONES = ['pending', 'good', 'bad', 'warn', 'progress', 'neutral', 'unknown'] as const
export type MarkTone = (typeof MARK_TONES)[number]

/**
 * The colour an ID's status is shown in (card and list): its status's tone once known; "unknown"
 * when the vendor says it does not know the ID; "pending" while it is not known yet or the lookup failed (that may pass).
 */
export function toneOf(state: LookupState | undefined): MarkTone {
  if (state?.state === 'found') return statusTone(state.entry.provider, state.entry.status)
  if (state?.state === 'missing' && state.entry.error.code === 'not-found') return 'unknown'
  // Over the tab's lookup budget: no status, and none is coming (the card says why).
  if (state?.state === 'failed' && state.failure.kind === 'over-budget') return 'neutral'
  return 'pending'
}
