import type { RelayClient } from '@idv-lens/worker/client'
import type { AgentInfo } from '../lib/actions.ts'
import type { ActionDone, LinkRequest, OneTimeLink, RelayResult } from '../lib/messages.ts'
import type { RawResponse } from './relay-result.ts'

type Options = { headers: Record<string, string> }
type Post = (args: { param: { id: string }; json: unknown }, options: Options) => Promise<RawResponse & { json(): Promise<unknown> }>
type Get = (args: object, options: Options) => Promise<RawResponse & { json(): Promise<unknown> }>

/**
 * The relay's action routes (docs/relay-contract.md, "Actions"). Reached by name through the hc
 * client, which builds each URL from the path it is given whatever the Worker's `AppType` says.
 */
type ActionRoutes = {
  v1: {
    me: { $get: Get }
    persona: {
      inquiries: { ':id': Record<'generate-one-time-link' | 'add-tag' | 'remove-tag', { $post: Post }> }
      cases: { ':id': Record<'assign' | 'set-status', { $post: Post }> }
    }
  }
}

const routes = (client: RelayClient) => client as unknown as ActionRoutes

/** One call with the saved settings, never past a cache (writes and /v1/me are never cached). */
export type ActionGet = <T>(send: (client: RelayClient, options: Options) => Promise<RawResponse & { json(): Promise<T> }>) => Promise<RelayResult<T>>

const done = <T>(result: RelayResult<T>): RelayResult<ActionDone> => (result.ok ? { ...result, data: { done: true } } : result)

/** The link from Persona's answer (`meta.one-time-link`), nothing else of it; an answer without one is a failure. */
function linkOf(result: RelayResult<unknown>): RelayResult<OneTimeLink> {
  if (!result.ok) return result
  const link = (result.data as { meta?: { 'one-time-link'?: unknown } } | null)?.meta?.['one-time-link']
  if (typeof link === 'string' && /^https:\/\//.test(link)) return { ...result, data: { link } }
  return { ok: false, error: { kind: 'upstream', reason: { code: 'no-answer-for-id' } } }
}

/** The action messages' relay calls. Every one is a fresh call: nothing of an answer is kept here. */
export function actionHandlers(get: ActionGet) {
  return {
    agentInfo: () => get<AgentInfo>((c, o) => routes(c).v1.me.$get({}, o) as never),
    sendOneTimeLink: async ({ id, expiresInSeconds, idempotencyKey }: LinkRequest) => {
      const json = expiresInSeconds === undefined ? {} : { meta: { 'expires-in-seconds': expiresInSeconds } }
      const headers = (o: Options) => ({ headers: { ...o.headers, 'idempotency-key': idempotencyKey } })
      return linkOf(await get((c, o) => routes(c).v1.persona.inquiries[':id']['generate-one-time-link'].$post({ param: { id }, json }, headers(o))))
    },
    setInquiryTag: async ({ id, tag, on }: { id: string; tag: string; on: boolean }) =>
      done(await get((c, o) => routes(c).v1.persona.inquiries[':id'][on ? 'add-tag' : 'remove-tag'].$post({ param: { id }, json: { meta: { 'tag-name': tag } } }, o))),
    // Without an email the relay assigns the case to the agent who asks (its own record of the agent's email).
    assignCaseToMe: async ({ caseId }: { caseId: string }) =>
      done(await get((c, o) => routes(c).v1.persona.cases[':id'].assign.$post({ param: { id: caseId }, json: {} }, o))),
    setCaseStatus: async ({ caseId, status }: { caseId: string; status: string }) =>
      done(await get((c, o) => routes(c).v1.persona.cases[':id']['set-status'].$post({ param: { id: caseId }, json: { meta: { status } } }, o))),
  }
}
