import type { VendorIds } from '../vendor-ids.ts'

/*
Persona suffixes (docs/vendors/persona.md §8). Alphabet [A-Za-z0-9]: Persona generates base58, but its
spec says "alphanumeric, mixed case" and its examples use 0 O I l; the relay must never refuse a real
ID, and the prefix and length already make a false positive unlikely. Length 24 or 28: both are in the
wild for inquiries; sessions are only seen with 24 [SPEC] but are made the same way, so 28 is accepted
too [INF]. The prefix is case-sensitive. Dashboard paths are the dashboard's own URL scheme [INF].
*/
export const personaIds = {
  name: 'persona',
  kinds: [
    {
      kind: 'persona-inquiry',
      prefix: 'inq_',
      exact: /^inq_[A-Za-z0-9]{24}(?:[A-Za-z0-9]{4})?$/,
      caseless: false,
      dashboard: 'app.withpersona.com/dashboard/inquiries/',
    },
    {
      kind: 'persona-inquiry-session',
      prefix: 'iqse_',
      exact: /^iqse_[A-Za-z0-9]{24}(?:[A-Za-z0-9]{4})?$/,
      caseless: false,
      dashboard: 'app.withpersona.com/dashboard/inquiry-sessions/',
    },
    {
      kind: 'persona-event',
      prefix: 'evt_',
      exact: /^evt_[A-Za-z0-9]{24}(?:[A-Za-z0-9]{4})?$/,
      caseless: false,
      dashboard: 'app.withpersona.com/dashboard/events/',
    },
  ],
} as const satisfies VendorIds
