import { PERSONA_READ_HEADERS } from '@idv-lens/shared/api'
import type { RelayClient } from '@idv-lens/worker/client'
import type { ActionDone, OneTimeLink, RelayResult } from '../../kit/relay.ts'
import type { ActionGet, ActionHandlers } from '../vendor.ts'

const done = <T>(result: RelayResult<T>): RelayResult<ActionDone> => (result.ok ? { ...result, data: { done: true } } : result)

/** The link from the relay's answer (`meta.one-time-link`), nothing else of it; an answer without one is a failure. */
function linkOf(result: RelayResult<{ meta?: { 'one-time-link'?: unknown } }>): RelayResult<OneTimeLink> {
  if (!result.ok) return result
  const link = result.data?.meta?.['one-time-link']
  if (typeof link === 'string' && /^https?:\/\//.test(link)) return { ...result, data: { link } }
  return { ok: false, error: { kind: 'upstream', reason: { code: 'no-answer-for-id' } } }
}

/** The action messages' relay calls (docs/relay-contract.md, "Agent actions"). Nothing of an answer is kept here. */
export function personaActions(get: ActionGet): ActionHandlers {
  // The keys and version the relay's reads use, so the inquiry in an action's answer reads the same.
  const header = { ...PERSONA_READ_HEADERS }
  const inquiries = (c: RelayClient) => c.v1.persona.inquiries[':id']
  const cases = (c: RelayClient) => c.v1.persona.cases[':id']
  return {
    sendOneTimeLink: async ({ id, expiresInSeconds, idempotencyKey }) => {
      const json = expiresInSeconds === undefined ? {} : { meta: { 'expires-in-seconds': expiresInSeconds } }
      // The click's key: Persona makes one session for it, however often the call is retried.
      const keyed = { ...header, 'idempotency-key': idempotencyKey }
      return linkOf(await get((c, o) => inquiries(c)['generate-one-time-link'].$post({ param: { id }, json, header: keyed }, o)))
    },
    setInquiryTag: async ({ id, tag, on }) => {
      const args = { param: { id }, json: { meta: { 'tag-name': tag } }, header }
      return done(await get((c, o) => (on ? inquiries(c)['add-tag'].$post(args, o) : inquiries(c)['remove-tag'].$post(args, o))))
    },
    // Without an email the relay assigns the case to the agent who asks.
    assignCaseToMe: async ({ caseId }) => done(await get((c, o) => cases(c).assign.$post({ param: { id: caseId }, json: {}, header }, o))),
    setCaseStatus: async ({ caseId, status }) =>
      done(await get((c, o) => cases(c)['set-status'].$post({ param: { id: caseId }, json: { meta: { status } }, header }, o))),
  }
}
