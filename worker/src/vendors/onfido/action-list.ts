import type { VendorAction } from '../../kit/actions.ts'
import { sendNewOnfidoLink } from './action-tools.ts'

/** New links per applicant in any 24 h: each is a new workflow run, and a customer needs one or two. */
export const ONFIDO_LINKS_PER_APPLICANT_PER_DAY = 5

/**
 * A new link: a new workflow run for the run's applicant and workflow (docs/vendors/onfido.md §6).
 * Its day's bound and requester match are per applicant: a check of any of the applicant's runs
 * confirms it (requester.ts reads the run's applicant).
 */
const link: VendorAction = {
  key: 'onfido-link',
  routes: ['/workflow_runs/:id/new-link'],
  requesterMatch: 'configured',
  perDay: ONFIDO_LINKS_PER_APPLICANT_PER_DAY,
  idempotent: 'relay',
  refusals: {
    notConfirmed:
      "Check the ticket requester's email or name against this run first (POST /v1/requester-check, a match in the last 15 minutes).",
    bound: (seconds) => `This applicant has had as many new links as a day allows; retry in ${seconds} s.`,
  },
  tools: [sendNewOnfidoLink],
}

/** Onfido's agent actions, by the name ACTIONS turns each on with. */
export const ONFIDO_ACTIONS = { link } as const satisfies Record<string, VendorAction>
