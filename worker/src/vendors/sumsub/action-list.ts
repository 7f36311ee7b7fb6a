import type { VendorAction } from '../../kit/actions.ts'

/** New links per applicant in any 24 h: a person who may resubmit needs one or two. */
export const SUMSUB_LINKS_PER_APPLICANT_PER_DAY = 5

/** A new link: `websdkLink` for the applicant's own level and user (docs/vendors/sumsub.md §4). */
const link: VendorAction = {
  key: 'sumsub-link',
  routes: ['/applicants/:id/new-link'],
  requesterMatch: 'configured',
  perDay: SUMSUB_LINKS_PER_APPLICANT_PER_DAY,
  idempotent: 'relay',
  refusals: {
    notConfirmed:
      "Check the ticket requester's email or name against this applicant first (POST /v1/requester-check, a match in the last 15 minutes).",
    bound: (seconds) => `This applicant has had as many new links as a day allows; retry in ${seconds} s.`,
  },
}

/** Sumsub's agent actions, by the name ACTIONS turns each on with. */
export const SUMSUB_ACTIONS = { link } as const satisfies Record<string, VendorAction>
