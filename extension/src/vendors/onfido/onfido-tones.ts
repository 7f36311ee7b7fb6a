import type { Tone } from '../vendor.ts'

/**
 * Onfido's run statuses, and its reports' results and sub-results (docs/vendors/onfido.md §3): a run
 * waiting for the person or the team needs someone; `consider` asks for a look, `suspected` fails.
 */
export const tones: Readonly<Record<string, Tone>> = {
  processing: 'progress',
  approved: 'good',
  declined: 'bad',
  awaiting_input: 'warn',
  awaiting_client_input: 'warn',
  review: 'warn',
  abandoned: 'neutral',
  error: 'bad',
  clear: 'good',
  consider: 'warn',
  caution: 'warn',
  suspected: 'bad',
  unidentified: 'neutral',
}
