/**
 * The demo's Stripe webhook deliveries (docs/vendors/stripe.md §7): an `identity.verification_session.<status>`
 * event whose `data.object` is the whole session (personal data included, as Stripe sends it), signed
 * `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">` with the endpoint's secret.
 */
import type { StripeDataset } from './stripe-seed.ts'
import type { StripeEvent, StripeSession } from './stripe-types.ts'

const encoder = new TextEncoder()

export async function stripeSignature(secret: string, t: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${t}.${body}`)))
  return `t=${t},v1=${Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

/** The `n`th delivery of the replay (oldest session first), dated `nowMs`, with its body and signature. */
export async function stripeDelivery(data: StripeDataset, n: number, secret: string, nowMs: number) {
  const sessions = [...data.sessions].reverse()
  return stripeSessionDelivery(sessions[n % sessions.length]!, secret, nowMs)
}

/** The event for `session` as it is now (`identity.verification_session.<its status>`), dated `nowMs`, signed. */
export async function stripeSessionDelivery(session: StripeSession, secret: string, nowMs: number) {
  const created = Math.floor(nowMs / 1000)
  const event: StripeEvent = {
    id: `evt_1${crypto.randomUUID().replace(/-/g, '').slice(0, 23)}`,
    object: 'event',
    api_version: '2025-10-29.clover',
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: `identity.verification_session.${session.status}`,
    data: { object: session },
  }
  const body = JSON.stringify(event)
  return { body, signature: await stripeSignature(secret, created, body), id: event.id, name: event.type }
}
