/**
 * The agent actions of Persona's API the relay may use (docs/vendors/persona.md §16), as Persona's spec
 * (spec/2025-12-08.json) describes their bodies and answers: tags added and removed, an inquiry's decision,
 * a case assigned or moved to a status, and a one-time link that makes a new inquiry session (the same one again for a
 * retried Idempotency-Key; at most 25 sessions per inquiry). Changes go to the app's PersonaChanges,
 * so every read shows them, and the matching `case.*` event is delivered when webhooks are on.
 */
import type { Context } from 'hono'
import { z } from 'zod'
import type { DemoContext } from './context.ts'
import { randomBase58 } from './http-util.ts'
import { INQUIRY_STATUS_EVENTS } from './persona-changes.ts'
import { personaErrors } from './persona-errors.ts'
import { personaResources, type PersonaRequestOptions } from './persona-resources.ts'
import type { Case, Inquiry, PersonaEventName } from './persona-types.ts'

/** Persona's default cap of sessions per inquiry. */
export const MAX_SESSIONS_PER_INQUIRY = 25
const DEFAULT_LINK_SECONDS = 24 * 3600

const LinkBody = z.strictObject({ meta: z.strictObject({ 'expires-in-seconds': z.number().int().gt(0).optional() }).optional() })
const TagBody = z.strictObject({
  meta: z.strictObject({ 'tag-name': z.string().min(1).optional(), 'tag-id': z.string().min(1).optional() }).optional(),
})
const AssignBody = z.strictObject({ meta: z.strictObject({ 'user-email-address': z.string().email() }) })
const StatusBody = z.strictObject({ meta: z.strictObject({ status: z.string().trim().min(1).max(64) }) })
/** approve and decline: `inquiries-review-request`; mark-for-review documents no body, so only an empty one is taken. */
const ReviewBody = z.strictObject({ meta: z.strictObject({ comment: z.string().optional() }).optional() })
const NoBody = z.strictObject({})

type Deliver = (name: PersonaEventName, object: { type: string; id: string }) => Promise<unknown>
type Options = (c: Context) => PersonaRequestOptions

async function bodyOf<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const text = await c.req.text()
  let json: unknown = {}
  try {
    if (text.trim()) json = JSON.parse(text)
  } catch {
    throw personaErrors.badRequest('The request body is not valid JSON')
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) throw personaErrors.badRequest(z.prettifyError(parsed.error))
  return parsed.data
}

export function personaActions(ctx: DemoContext, options: Options, deliver: Deliver) {
  const { dataset, changes } = ctx
  const inquiryOf = (id: string): Inquiry => {
    const found = dataset.inquiries[dataset.index.inquiryPosition.get(id) ?? -1]
    if (!found) throw personaErrors.notFound()
    return changes.current(found)
  }
  const caseOf = (id: string): Case => {
    const found = dataset.cases[dataset.index.casePosition.get(id) ?? -1]
    if (!found) throw personaErrors.notFound()
    return found
  }
  const params = (c: Context) => new URL(c.req.url).searchParams
  const inquiryAnswer = (c: Context, id: string) => personaResources.retrieveInquiry(id, params(c), options(c))
  const caseAnswer = (c: Context, id: string) => personaResources.retrieveCase(id, params(c), options(c))

  const tag = (add: boolean) => async (c: Context) => {
    const inquiry = inquiryOf(c.req.param('id') as string)
    const { meta } = await bodyOf(c, TagBody)
    const name = meta?.['tag-name'] ?? meta?.['tag-id']
    if (!name) throw personaErrors.badRequest('meta.tag-name or meta.tag-id is required')
    const tags = add ? [...new Set([...inquiry.tags, name])] : inquiry.tags.filter((t) => t !== name)
    changes.changeTags(inquiry, tags, ctx.clock())
    return inquiryAnswer(c, inquiry.id)
  }

  /**
   * A decision moves the inquiry to its status and sends its event. Persona's spec: an approved or declined
   * inquiry cannot be marked for review; the demo answers that 422 (an invalid action, as the spec's 422 reads).
   */
  const decide = (status: 'approved' | 'declined' | 'needs_review') => async (c: Context) => {
    const inquiry = inquiryOf(c.req.param('id') as string)
    await bodyOf(c, status === 'needs_review' ? NoBody : ReviewBody)
    if (status === 'needs_review' && (inquiry.status === 'approved' || inquiry.status === 'declined')) {
      throw personaErrors.unprocessable(`Inquiry is ${inquiry.status} and cannot be marked for review`)
    }
    changes.changeInquiry(inquiry, status, ctx.clock())
    await deliver(INQUIRY_STATUS_EVENTS[status]!, { type: 'inquiry', id: inquiry.id })
    return inquiryAnswer(c, inquiry.id)
  }

  return {
    approve: decide('approved'),
    decline: decide('declined'),
    markForReview: decide('needs_review'),
    addTag: tag(true),
    removeTag: tag(false),
    async assign(c: Context) {
      const found = caseOf(c.req.param('id') as string)
      const { meta } = await bodyOf(c, AssignBody)
      changes.assignCase(found, meta['user-email-address'], ctx.clock())
      await deliver('case.assigned', { type: 'case', id: found.id })
      return caseAnswer(c, found.id)
    },
    async setStatus(c: Context) {
      const found = caseOf(c.req.param('id') as string)
      const { meta } = await bodyOf(c, StatusBody)
      const { event } = changes.changeCase(found, meta.status, ctx.clock())
      await deliver(event, { type: 'case', id: found.id })
      return caseAnswer(c, found.id)
    },
    async oneTimeLink(c: Context) {
      const inquiry = inquiryOf(c.req.param('id') as string)
      const { meta } = await bodyOf(c, LinkBody)
      const key = c.req.header('idempotency-key') ?? null
      const made = changes.linkSessions(inquiry.id)
      let session = key === null ? undefined : made.find((s) => s.idempotencyKey === key)
      if (!session) {
        const seeded = dataset.inquirySessions.filter((s) => s.inquiryId === inquiry.id).length
        if (seeded + made.length >= MAX_SESSIONS_PER_INQUIRY)
          throw personaErrors.unprocessable('Inquiry has reached the maximum number of sessions')
        const now = ctx.clock()
        session = {
          id: `iqse_${randomBase58(28)}`,
          inquiryId: inquiry.id,
          idempotencyKey: key,
          code: randomBase58(20),
          createdAt: now,
          expiresAt: now + (meta?.['expires-in-seconds'] ?? DEFAULT_LINK_SECONDS) * 1000,
        }
        changes.addLinkSession(session)
      }
      const origin = new URL(c.req.url).origin
      return {
        ...inquiryAnswer(c, inquiry.id),
        meta: {
          'one-time-link': `${origin}/persona/verify?code=${session.code}`,
          'one-time-link-short': `${origin}/persona/v/${session.code}`,
        },
      }
    },
  }
}
