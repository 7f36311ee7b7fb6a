import type { Vendor } from '../vendor.ts'
import type words from './_locales/en/messages.json'
import { SUMSUB_ACTIONS } from './sumsub-actions.ts'
import { SUMSUB_EVENTS } from './sumsub-events.ts'

// Its words (_locales beside this file, joined into the browser's at build time) are keys t() takes.
declare module '../../lib/i18n.ts' {
  interface VendorMessageKeys extends Record<keyof typeof words, true> {}
}

/** Sumsub: applicants (24 hex characters, bare like UUIDs), looked up, carded and shown; Sumsub lists none (docs/vendors/sumsub.md §5). */
export const sumsub: Vendor = {
  name: 'sumsub',
  label: 'Sumsub',
  lists: [],
  records: {
    'sumsub-applicant': {
      call: (id) => (c, o) => c.v1.sumsub.applicants[':id'].$get({ param: { id }, query: {} }, o),
      // The applicant's email, name, phone and birth date: the relay compares them.
      person: true,
      actions: true,
      facts: (d) =>
        d.kind === 'sumsub-applicant'
          ? {
              reference: { label: 'fieldReference', value: d.referenceId, testId: 'sumsub-reference' },
              about: { label: 'sumsub_field_reject_type', value: d.rejectType, testId: 'sumsub-reject-type' },
            }
          : {},
      reference: (d) => (d.kind === 'sumsub-applicant' ? d.referenceId : null),
    },
  },
  // An applicant no one has: Sumsub's 404 says the token and signature were good (a list it has none of).
  probe: (c, o) => c.v1.sumsub.applicants[':id'].$get({ param: { id: '000000000000000000000000' }, query: {} }, o),
  actions: SUMSUB_ACTIONS,
  events: SUMSUB_EVENTS,
}
