import type { SumsubApplicant } from '@idv-lens/shared/api'
import type { RelayResult } from '../../kit/relay.ts'
import { createPersonDetailParts, createResource, type PersonDetailParts, type Resource } from '../../kit/stores.ts'
import type { DetailContext, DetailModel } from '../vendor-view.ts'

/** The link's life the relay uses unless its admin set another (worker/src/vendors/sumsub/link.ts): the confirm step says it as a bound. */
export const SUMSUB_LINK_SECONDS = 1800

/** An applicant's detail: the applicant, its history by external user ID, what the agent may do, the requester check and the new link. */
export type SumsubView = DetailModel & PersonDetailParts & { main: Resource<SumsubApplicant> }

export function createSumsubModel({ kind, id, send, now }: DetailContext): SumsubView {
  const main = createResource((refresh) => send('getRecord', { kind, id, refresh }) as Promise<RelayResult<SumsubApplicant>>, now)
  const parts = createPersonDetailParts({
    send,
    id,
    now,
    action: 'sumsub-link',
    expiresInSeconds: SUMSUB_LINK_SECONDS,
    reference: () => main.data.value?.externalUserId || null,
  })
  return {
    kind,
    id,
    main,
    ...parts,
    first: [parts.me],
    after: [parts.history],
    idsShown: () => [],
    seen: () => (main.data.value ? { status: main.data.value.review?.reviewStatus ?? null } : null),
  }
}
