import { signal, type Signal } from '@preact/signals'
import type { HistoryResponse } from '@idv-lens/shared/api'
import type { ActionName, AgentInfo } from '../lib/actions.ts'
import type { DetailSection, Send } from '../lib/messages.ts'
import { createLinkAction, type LinkAction } from './link-action.ts'
import { historyFor } from './person-history.ts'
import { createRequesterCheck, type RequesterCheck } from './requester-check.ts'
import { createResource, type Resource } from './resource.ts'

/** What a detail of one person's attempt holds besides the record: the person's other attempts, and a new link for them. */
export type PersonDetailParts = {
  history: Resource<HistoryResponse>
  /** What the relay lets this agent do (GET /v1/me): the link, where it is offered, and whom to tell of a flagged record. */
  me: Resource<AgentInfo>
  link: LinkAction
  /** The relay compares the record's person with the ticket's requester; a match lets the link through where one is required. */
  requester: RequesterCheck
  focus: Signal<DetailSection | null>
}

type Deps = {
  send: Send
  id: string
  now: () => number
  /** The vendor's action that makes the link, and how long the link lives. */
  action: ActionName
  expiresInSeconds: number
  /** What the relay finds the person's other attempts by (GET /v1/history), once the record is there. */
  reference: () => string | null
}

export function createPersonDetailParts({ send, id, now, action, expiresInSeconds, reference }: Deps): PersonDetailParts {
  const me = createResource(() => send('agentInfo', undefined), now)
  const requester = createRequesterCheck(send, id)
  // A match the agent made in the card for this record stands here too: no second check.
  void requester.recall()
  const link = createLinkAction({
    send,
    action,
    id,
    expiresInSeconds,
    guarded: () => me.data.value?.linkRequiresRequesterMatch !== false,
    requesterConfirmed: () => requester.answer.value?.result === 'match',
    now,
  })
  return { history: historyFor(send, reference, now), me, link, requester, focus: signal(null) }
}
