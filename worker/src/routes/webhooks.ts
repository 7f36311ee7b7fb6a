/**
 * Vendor webhook receivers. Outside agent auth (the vendors sign instead) and outside Access; they
 * only store a PII-free summary in the live hub and never call a vendor.
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../errors.ts'
import { liveHubOf } from '../live/binding.ts'
import { PayloadError, type IncomingEvent } from '../live/incoming-event.ts'
import { verifyDeepidvSignature } from '../vendors/deepidv/webhook-signature.ts'
import { deepidvSummary } from '../vendors/deepidv/webhook-summary.ts'
import { verifyPersonaSignature } from '../vendors/persona/webhook-signature.ts'
import { personaSummary } from '../vendors/persona/webhook-summary.ts'

export const WEBHOOK_MAX_BYTES = 256 * 1024

const tooLarge = bodyLimit({
  maxSize: WEBHOOK_MAX_BYTES,
  onError: () => {
    throw new ApiError('payload-too-large', `A webhook body may be at most ${WEBHOOK_MAX_BYTES} bytes.`)
  },
})

function notConfigured(provider: 'persona' | 'deepidv', secret: string): never {
  throw new ApiError('provider-not-configured', `Webhooks from ${provider} are not configured: wrangler secret put ${secret}.`, { provider })
}

function parseJson(raw: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(raw))
  } catch {
    throw new ApiError('bad-request', 'The webhook body is not JSON.')
  }
}

async function store(c: Context<AppEnv>, summarize: () => IncomingEvent | Promise<IncomingEvent>): Promise<Response> {
  let event: IncomingEvent
  try {
    event = await summarize()
  } catch (error) {
    if (error instanceof PayloadError) throw new ApiError('bad-request', error.message)
    throw error
  }
  // Checked before reading the body; here the binding exists.
  await liveHubOf(c.env)!.ingest([event])
  return c.body(null, 204)
}

const hubRequired = (c: Context<AppEnv>) => {
  if (!liveHubOf(c.env)) throw new ApiError('provider-not-configured', 'Live events are not configured: the LIVE_HUB binding is missing.')
}

export const webhookRoutes = new Hono<AppEnv>()
  .post(
    '/persona',
    async (c, next) => {
      if (c.get('config').webhooks.persona.length === 0) notConfigured('persona', 'PERSONA_WEBHOOK_SECRET')
      hubRequired(c)
      await next()
    },
    tooLarge,
    async (c) => {
      const raw = new Uint8Array(await c.req.arrayBuffer())
      const ok = await verifyPersonaSignature(c.req.header('persona-signature'), raw, c.get('config').webhooks.persona, Date.now())
      if (!ok) throw new ApiError('bad-signature', 'Persona-Signature is missing or does not match the body.')
      return store(c, () => personaSummary(parseJson(raw)))
    },
  )
  .post(
    '/deepidv',
    async (c, next) => {
      if (c.get('config').webhooks.deepidv === null) notConfigured('deepidv', 'DEEPIDV_WEBHOOK_SECRET')
      hubRequired(c)
      await next()
    },
    tooLarge,
    async (c) => {
      const raw = new Uint8Array(await c.req.arrayBuffer())
      const ok = await verifyDeepidvSignature(c.req.header('deepidv-signature'), c.get('config').webhooks.deepidv!)
      if (!ok) throw new ApiError('bad-signature', 'deepidv-signature is missing or not the configured secret.')
      return store(c, () => deepidvSummary(parseJson(raw)))
    },
  )
