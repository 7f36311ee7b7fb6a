import { isIdOfKind } from '@idv-lens/shared/ids'
import type { ActionAnswer } from '../../kit/relay.ts'
import type { VendorAction } from '../vendor.ts'

/** The confirm text of Sumsub's new link: the applicant, and that the relay's setting decides how long it lives. */
export const SUMSUB_LINK_CONFIRM = 'sumsubLinkConfirm'

/** The link from the relay's answer (`link.url`), nothing else of it; an answer without one is a failure. */
function linkOf(data: unknown): ActionAnswer | null {
  const link = (data as { link?: { url?: unknown } } | null)?.link?.url
  return typeof link === 'string' && /^https?:\/\//.test(link) ? { link } : null
}

/** A new WebSDK link for the applicant's level and user (docs/vendors/sumsub.md §4), after a requester check where the relay wants one. */
const link: VendorAction = {
  key: 'sumsub-link',
  requesterMatch: true,
  confirm: SUMSUB_LINK_CONFIRM,
  idempotent: true,
  target: (id) => isIdOfKind(id, 'sumsub-applicant'),
  // The link's life is the relay's (SUMSUB_LINK_TTL_SECONDS): the agent sends nothing else.
  check: async () => ({ input: {} }),
  call({ id, idempotencyKey = '' }: { id: string; idempotencyKey?: string }) {
    return (c, o) =>
      c.v1.sumsub.applicants[':id']['new-link'].$post({ param: { id }, json: {}, header: { 'idempotency-key': idempotencyKey } }, o)
  },
  answer: linkOf,
}

export const SUMSUB_ACTIONS: readonly VendorAction[] = [link]
