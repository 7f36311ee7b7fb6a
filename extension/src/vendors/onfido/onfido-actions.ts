import { ONE_TIME_LINK_EXPIRY_SECONDS } from '@idv-lens/shared/api'
import { isIdOfKind } from '@idv-lens/shared/ids'
import type { ActionAnswer } from '../../kit/relay.ts'
import type { VendorAction } from '../vendor.ts'

/** How long a new link stays valid: a day, as the relay's default. */
export const ONFIDO_LINK_EXPIRY_SECONDS = 24 * 60 * 60

/** The confirm text of Onfido's new link: a new run for the applicant, and the expiry in words. */
export const ONFIDO_LINK_CONFIRM = 'onfidoLinkConfirm'

/** Runs whose customer has nothing left to do, or whose decision is under way: the relay refuses a new link for them. */
const NO_NEW_LINK: ReadonlySet<string> = new Set(['approved', 'processing', 'review'])
export const runTakesNewLink = (status: string | null | undefined): boolean => typeof status === 'string' && !NO_NEW_LINK.has(status)

const isExpiry = (seconds: unknown): seconds is number =>
  typeof seconds === 'number' &&
  Number.isInteger(seconds) &&
  seconds >= ONE_TIME_LINK_EXPIRY_SECONDS.min &&
  seconds <= ONE_TIME_LINK_EXPIRY_SECONDS.max

/** The link from the relay's answer (`link.url`), nothing else of it; an answer without one is a failure. */
function linkOf(data: unknown): ActionAnswer | null {
  const link = (data as { link?: { url?: unknown } } | null)?.link?.url
  return typeof link === 'string' && /^https?:\/\//.test(link) ? { link } : null
}

/**
 * A new link: a new workflow run for the run's applicant and workflow (docs/vendors/onfido.md §6),
 * after a requester check of the run's applicant where the relay wants one.
 */
const link: VendorAction = {
  key: 'onfido-link',
  requesterMatch: true,
  confirm: ONFIDO_LINK_CONFIRM,
  idempotent: true,
  target: (id) => isIdOfKind(id, 'onfido-workflow-run'),
  async check(raw) {
    const seconds = (raw as { expiresInSeconds?: unknown } | undefined)?.expiresInSeconds
    if (seconds !== undefined && !isExpiry(seconds)) return { refused: 'expiry-out-of-range' }
    return { input: seconds === undefined ? {} : { link: { expires_at: new Date(Date.now() + seconds * 1000).toISOString() } } }
  },
  call({ id, input, idempotencyKey = '' }: { id: string; input: { link?: { expires_at: string } }; idempotencyKey?: string }) {
    return (c, o) =>
      c.v1.onfido.workflow_runs[':id']['new-link'].$post({ param: { id }, json: input, header: { 'idempotency-key': idempotencyKey } }, o)
  },
  answer: linkOf,
}

export const ONFIDO_ACTIONS: readonly VendorAction[] = [link]
