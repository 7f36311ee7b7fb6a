import { signal, type Signal } from '@preact/signals'
import type { HistoryResponse, SumsubApplicant } from '@idv-lens/shared/api'
import type { AgentInfo, DetailSection, RelayResult } from '../../kit/relay.ts'
import {
  createLinkAction,
  createRequesterCheck,
  createResource,
  historyFor,
  type LinkAction,
  type RequesterCheck,
  type Resource,
} from '../../kit/stores.ts'
import type { DetailContext, DetailModel } from '../vendor-view.ts'

/** The link's life the relay uses unless its admin set another (worker/src/vendors/sumsub/link.ts): the confirm step says it as a bound. */
export const SUMSUB_LINK_SECONDS = 1800

/** An applicant's detail: the applicant, its history by external user ID, what the agent may do, the requester check and the new link. */
export type SumsubView = DetailModel & {
  main: Resource<SumsubApplicant>
  history: Resource<HistoryResponse>
  me: Resource<AgentInfo>
  link: LinkAction
  requester: RequesterCheck
  focus: Signal<DetailSection | null>
}

export function createSumsubModel({ kind, id, send, now }: DetailContext): SumsubView {
  const main = createResource((refresh) => send('getRecord', { kind, id, refresh }) as Promise<RelayResult<SumsubApplicant>>, now)
  const history = historyFor(send, () => main.data.value?.externalUserId || null, now)
  const me = createResource(() => send('agentInfo', undefined), now)
  const requester = createRequesterCheck(send, id)
  // A match the agent made in the card for this applicant stands here too.
  void requester.recall()
  const link = createLinkAction({
    send,
    action: 'sumsub-link',
    id,
    expiresInSeconds: SUMSUB_LINK_SECONDS,
    guarded: () => me.data.value?.linkRequiresRequesterMatch !== false,
    requesterConfirmed: () => requester.answer.value?.result === 'match',
    now,
  })
  return {
    kind,
    id,
    main,
    history,
    me,
    link,
    requester,
    focus: signal(null),
    first: [me],
    after: [history],
    idsShown: () => [],
    seen: () => (main.data.value ? { status: main.data.value.review?.reviewStatus ?? null } : null),
  }
}
