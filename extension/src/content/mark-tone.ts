import { statusTone } from '../lib/status-tone.ts'
import type { MarkTone } from './highlights.ts'
import type { LookupState } from './lookup-queue.ts'

/** The colour of an ID's marks: its status's tone once known; "unknown" when the vendor does not know it. */
export function toneOf(state: LookupState | undefined): MarkTone {
  if (state?.state === 'found') return statusTone(state.entry.status)
  if (state?.state === 'missing') return 'unknown'
  return 'pending'
}
