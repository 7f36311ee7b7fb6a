/**
 * Vendor webhook receivers. Outside agent auth (the vendors sign instead) and outside Access; they
 * store a PII-free summary in the live hub, tell the vendor's gate which record changed, and never
 * call a vendor.
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../errors.ts'
import { tellGateChanged } from '../upstream/gate-client.ts'
import { liveHubOf } from '../live/binding.ts'
import { PayloadError, type IncomingEvent } from '../live/incoming-event.ts'
import { VENDORS, type Vendor, type VendorWebhook } from '../vendors/index.ts'

export const WEBHOOK_MAX_BYTES = 256 * 1024

const tooLarge = bodyLimit({
  maxSize: WEBHOOK_MAX_BYTES,
  onError: () => {
    throw new ApiError('payload-too-large', `A webhook body may be at most ${WEBHOOK_MAX_BYTES} bytes.`)
  },
})

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
  // A re-check right after the change must reach the vendor, not share the floor's copy from before.
  await tellGateChanged(c.get('config'), event.vendor, [event.objectId]).catch((error) =>
    console.error(
      JSON.stringify({
        level: 'error',
        requestId: c.get('requestId'),
        msg: 'vendor gate not told of a change',
        vendor: event.vendor,
        error: String(error),
      }),
    ),
  )
  return c.body(null, 204)
}

const hubRequired = (c: Context<AppEnv>) => {
  if (!liveHubOf(c.env)) throw new ApiError('provider-not-configured', 'Live events are not configured: the LIVE_HUB binding is missing.')
}

/** `POST /webhooks/<name>`: the vendor's signature over the exact bytes received, then its summary stored. */
function receive(routes: Hono<AppEnv>, { name }: Vendor, webhook: VendorWebhook): Hono<AppEnv> {
  return routes.post(
    `/${name}`,
    async (c, next) => {
      if (c.get('config').webhooks[name].length === 0) {
        throw new ApiError(
          'provider-not-configured',
          `Webhooks from ${name} are not configured: wrangler secret put ${webhook.secrets[0]}.`,
          { provider: name },
        )
      }
      hubRequired(c)
      await next()
    },
    tooLarge,
    async (c) => {
      const raw = new Uint8Array(await c.req.arrayBuffer())
      const signature = webhook.readSignature
        ? webhook.readSignature((header) => c.req.header(header))
        : c.req.header(webhook.signatureHeader)
      const ok = await webhook.verify(signature, raw, c.get('config').webhooks[name], Date.now())
      if (!ok) throw new ApiError('bad-signature', webhook.badSignature)
      return store(c, () => webhook.summarize(parseJson(raw)))
    },
  )
}

/** One receiver per vendor that sends webhooks, from the registry. */
export const webhookRoutes = Object.values(VENDORS).reduce(
  (routes, vendor) => (vendor.webhook ? receive(routes, vendor, vendor.webhook) : routes),
  new Hono<AppEnv>(),
)
