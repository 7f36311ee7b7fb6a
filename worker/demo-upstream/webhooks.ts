/**
 * Webhook deliveries from the demo vendors, so a local relay shows live events without a vendor account:
 * the seeded data's planned lifecycle played again, each Persona delivery a seeded event under a fresh id
 * and the current time, each deepidv delivery a session status event with `updated_at` now. Bodies carry
 * the full object, personal data included: keeping only what is safe is the relay's job. Signed as each
 * vendor documents (persona.md §11, deepidv.md §8, stripe.md §7, onfido.md §6, sumsub.md §4). Off unless a target is given.
 */
import { serializeDeliveredEvent, type DeliveredEvents } from './delivered-events.ts'
import type { PersonaChanges } from './persona-changes.ts'
import { DEFAULT_PERSONA_VERSION, type PersonaEvent, type PersonaEventName, type ResourceRef } from './persona-types.ts'
import { createRng } from './prng.ts'
import type { Dataset } from './seed.ts'
import { retrieveSession } from './deepidv-resources.ts'
import { stripeDelivery, stripeSessionDelivery } from './stripe-deliveries.ts'
import { onfidoDelivery } from './onfido-deliveries.ts'
import type { OnfidoDataset } from './onfido-seed.ts'
import type { StripeDataset } from './stripe-seed.ts'
import type { StripeSession } from './stripe-types.ts'
import { sumsubDelivery } from './sumsub/sumsub-deliveries.ts'
import type { SumsubDemoApplicant } from './sumsub/sumsub-seed.ts'

export type WebhookProvider = 'persona' | 'deepidv' | 'stripe' | 'onfido' | 'sumsub'

export interface WebhookOptions {
  /** The relay's origin, e.g. `http://127.0.0.1:8787`; deliveries go to `<target>/webhooks/<provider>`. */
  target: string
  /** A vendor without a secret sends nothing. */
  personaSecret?: string
  deepidvSecret?: string
  /** Stripe's endpoint secret (`whsec_…`): each delivery signed as Stripe signs (stripe-deliveries.ts). */
  stripeSecret?: string
  /** Onfido's webhook token: each delivery's body signed with it (onfido-deliveries.ts). */
  onfidoToken?: string
  /** Sumsub's webhook secret: each delivery's body digested with it (sumsub/sumsub-deliveries.ts). */
  sumsubSecret?: string
  /** Milliseconds between automatic deliveries (alternating vendors); 0 = only on request. Default 0. */
  intervalMs?: number
}

export interface Delivery {
  provider: WebhookProvider
  /** The relay's answer; 0 when it could not be reached. */
  status: number
  /** Persona: the event id; deepidv: the session id. */
  id: string
  name: string
}

export interface WebhookSender {
  /** Sends one delivery now (the next in the replay) and reports how the relay answered. */
  send(provider: WebhookProvider): Promise<Delivery>
  /** Sends a Persona event for a change made now (control API), its payload the object as it is now. */
  sendPersona(name: PersonaEventName, object: ResourceRef): Promise<Delivery>
  /** Sends the Stripe event for a session changed now (control API), its payload the session as it is now. */
  sendStripe(session: StripeSession): Promise<Delivery>
  providers: WebhookProvider[]
  stop(): void
}

const encoder = new TextEncoder()

async function personaSignature(secret: string, t: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${t}.${body}`)))
  return `t=${t},v1=${Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

/** deepidv's documented event types for a session in each status. */
const DEEPIDV_EVENT: Record<string, string> = {
  PENDING: 'session.created',
  SUBMITTED: 'session.status.submitted',
  VERIFIED: 'session.status.verified',
  REJECTED: 'session.status.rejected',
  FAILED: 'session.status.failed',
}

/** How far back in the seeded history the replay starts (oldest first, like a day unfolding). */
const REPLAY_DEPTH = 400

/** The other vendors' data a sender replays, and `delivered`, which remembers each Persona delivery so `GET /events/:id` retrieves it, as Persona does. */
export type WebhookSources = {
  delivered?: DeliveredEvents
  changes?: PersonaChanges
  stripe?: StripeDataset
  onfido?: OnfidoDataset
  sumsub?: readonly SumsubDemoApplicant[]
}

export function createWebhookSender(
  dataset: Dataset,
  options: WebhookOptions,
  clock: () => number = Date.now,
  sources: WebhookSources = {},
): WebhookSender {
  const { delivered, changes, stripe, onfido, sumsub } = sources
  const target = options.target.replace(/\/+$/, '')
  const rng = createRng(clock())
  const personaEvents = dataset.events.slice(0, REPLAY_DEPTH).reverse()
  const deepidvSessions = dataset.deepidvSessions
    .filter((s) => s.record.status in DEEPIDV_EVENT)
    .slice(0, REPLAY_DEPTH)
    .reverse()
  let nextPersona = 0
  let nextDeepidv = 0
  let nextStripe = 0
  let nextOnfido = 0
  let nextSumsub = 0

  const post = async (provider: WebhookProvider, body: string, headers: Record<string, string>) => {
    try {
      const res = await fetch(`${target}/webhooks/${provider}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(10_000),
      })
      await res.arrayBuffer()
      return res.status
    } catch {
      // The relay is down or restarting: like the vendors, the next delivery just tries again.
      return 0
    }
  }

  const deliverPersona = async (seeded: PersonaEvent): Promise<Delivery> => {
    const now = clock()
    const id = `evt_${rng.base58(24)}`
    const event = { id, createdAt: now, seeded }
    const body = JSON.stringify({
      data: serializeDeliveredEvent(event, { dataset, version: DEFAULT_PERSONA_VERSION, requestTime: now, changes }),
    })
    // Before it is sent: the relay may be asked for it as soon as it has taken it.
    delivered?.add(event)
    const signature = await personaSignature(options.personaSecret!, Math.floor(now / 1000), body)
    const status = await post('persona', body, {
      'persona-signature': signature,
      'persona-webhook-attempts-made': '1',
      'persona-webhook-first-attempted-at': String(Math.floor(now / 1000)),
    })
    return { provider: 'persona', status, id, name: seeded.name }
  }

  const builders: Record<WebhookProvider, (() => Promise<Delivery>) | null> = {
    persona: options.personaSecret ? async () => deliverPersona(personaEvents[nextPersona++ % personaEvents.length]!) : null,
    deepidv: options.deepidvSecret
      ? async () => {
          const session = deepidvSessions[nextDeepidv++ % deepidvSessions.length]!
          const now = clock()
          const retrieved = retrieveSession(dataset, session.record.id, now)
          const name = DEEPIDV_EVENT[session.record.status]!
          const data = { ...retrieved, session_record: { ...retrieved.session_record, updated_at: new Date(now).toISOString() } }
          const status = await post('deepidv', JSON.stringify({ type: name, data }), { 'deepidv-signature': options.deepidvSecret! })
          return { provider: 'deepidv', status, id: session.record.id, name }
        }
      : null,
    stripe:
      options.stripeSecret && stripe
        ? async () => {
            const { body, signature, id, name } = await stripeDelivery(stripe, nextStripe++, options.stripeSecret!, clock())
            return { provider: 'stripe', status: await post('stripe', body, { 'stripe-signature': signature }), id, name }
          }
        : null,
    onfido:
      options.onfidoToken && onfido
        ? async () => {
            const { body, signature, id, name } = await onfidoDelivery(onfido, nextOnfido++, options.onfidoToken!, clock())
            return { provider: 'onfido', status: await post('onfido', body, { 'x-sha2-signature': signature }), id, name }
          }
        : null,
    sumsub:
      options.sumsubSecret && sumsub
        ? async () => {
            const { body, headers, id, name } = sumsubDelivery(sumsub, nextSumsub++, options.sumsubSecret!, clock())
            return { provider: 'sumsub', status: await post('sumsub', body, headers), id, name }
          }
        : null,
  }
  const providers = (Object.keys(builders) as WebhookProvider[]).filter((p) => builders[p] !== null)

  let timer: ReturnType<typeof setInterval> | undefined
  if (options.intervalMs && providers.length > 0) {
    let turn = 0
    timer = setInterval(() => void builders[providers[turn++ % providers.length]!]!(), options.intervalMs)
    timer.unref?.()
  }

  return {
    providers,
    async send(provider) {
      const build = builders[provider]
      if (!build) throw new Error(`demo webhooks: no secret for ${provider}`)
      return build()
    },
    async sendPersona(name, object) {
      if (!options.personaSecret) throw new Error('demo webhooks: no secret for persona')
      // The payload is the object as of this event, which is now: the change just made.
      return deliverPersona({ id: '', name, createdAt: clock(), object })
    },
    async sendStripe(session) {
      if (!options.stripeSecret) throw new Error('demo webhooks: no secret for stripe')
      const { body, signature, id, name } = await stripeSessionDelivery(session, options.stripeSecret, clock())
      return { provider: 'stripe', status: await post('stripe', body, { 'stripe-signature': signature }), id, name }
    },
    stop: () => clearInterval(timer),
  }
}
