/**
 * The demo's Stripe Identity account (test mode): verification sessions in every status, with the
 * `last_error`s Stripe documents and the reports behind them (docs/vendors/stripe.md §3–§5).
 * Newest first, `created` strictly decreasing. Personal data is fake and present, as Stripe sends it:
 * keeping it in is the relay's job.
 */
import type Stripe from 'stripe'
import { createRng, type Rng } from './prng.ts'
import type { StripeLastErrorCode, StripeReport, StripeSession, StripeSessionStatus } from './stripe-types.ts'

export const STRIPE_SEED = 20250815
/** The story's reference: three attempts, the last verified (history and lookups). */
export const STRIPE_STORY_REFERENCE = 'demo-customer-4711'
/** The Persona and deepidv story's customer (persona-story.ts): Dana also tried Stripe, and it asked for a new selfie. */
export const STRIPE_DANA_REFERENCE = 'user-7431'
/** Stripe's documented fixture IDs (docs/vendors/stripe.md §6), always present. */
export const STRIPE_FIXTURE_IDS = { session: 'vs_1Pgc76B7WZ01zgkWBdQi8PTU', report: 'vr_QXhW13B2hsHOm43JtUgs0f0w' } as const

export type StripeDataset = {
  sessions: readonly StripeSession[]
  reports: ReadonlyMap<string, StripeReport>
  byId: ReadonlyMap<string, StripeSession>
}

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const stripeId = (rng: Rng, prefix: string) => `${prefix}_${Array.from({ length: 24 }, () => ALNUM[rng.int(0, ALNUM.length - 1)]).join('')}`

/** Stripe's reasons for each code, as its hosted flow words them (the reason "can be shown to your users"). */
export const REASONS: Partial<Record<StripeLastErrorCode, string>> = {
  abandoned: 'The user abandoned the verification flow.',
  consent_declined: 'The user declined to be verified by Stripe.',
  device_not_supported: "The user's device does not have a camera.",
  document_expired: 'The provided identity document has expired.',
  document_type_not_supported: 'The provided identity document is not one of the allowed types.',
  document_unverified_other: 'The provided identity document could not be verified.',
  id_number_mismatch: 'The information provided could not be matched against global databases.',
  selfie_face_mismatch: 'The provided selfie did not match the face on the identity document.',
  selfie_manipulated: 'The selfie appears to have been manipulated.',
  selfie_document_missing_photo: 'The identity document does not contain a photo of a face.',
  under_supported_age: 'Stripe does not verify users under the age of majority.',
}
const REQUIRES_INPUT_CODES = Object.keys(REASONS) as StripeLastErrorCode[]
const FIRST = ['Jenny', 'Amara', 'Lukas', 'Sofia', 'Kenji', 'Priya', 'Mateo', 'Ingrid']
const LAST = ['Rosen', 'Okafor', 'Brandt', 'Rossi', 'Tanaka', 'Sharma', 'García', 'Larsen']

type Plan = { status: StripeSessionStatus; code: StripeLastErrorCode | null; reference: string | null; redacted?: boolean }

function person(rng: Rng) {
  return {
    first_name: rng.pick(FIRST),
    last_name: rng.pick(LAST),
    dob: { day: rng.int(1, 28), month: rng.int(1, 12), year: rng.int(1950, 2004) },
  }
}

const CHECK_OF: Record<string, 'document' | 'selfie' | 'id_number'> = { document: 'document', selfie: 'selfie', id_number: 'id_number' }
const checkOf = (code: StripeLastErrorCode | null) => (code ? Object.keys(CHECK_OF).find((c) => code.startsWith(`${c}_`)) : undefined)

function report(
  rng: Rng,
  session: { id: string; created: number; type: StripeSession['type']; client_reference_id: string | null },
  code: StripeLastErrorCode | null,
  id?: string,
): StripeReport {
  const who = person(rng)
  const failed = checkOf(code)
  const error = (check: string) => (failed === check && code ? { code, reason: REASONS[code] ?? null } : null)
  const status = (check: string) => (failed === check ? ('unverified' as const) : ('verified' as const))
  const docError = error('document') as Stripe.Identity.VerificationReport.Document.Error | null
  const selfieError = error('selfie') as Stripe.Identity.VerificationReport.Selfie.Error | null
  return {
    id: id ?? stripeId(rng, 'vr'),
    object: 'identity.verification_report',
    client_reference_id: session.client_reference_id,
    created: session.created + rng.int(30, 600),
    livemode: false,
    type: session.type,
    verification_session: session.id,
    options: { document: { require_matching_selfie: true }, id_number: {} },
    document: {
      address: {
        city: 'San Francisco',
        country: 'US',
        line1: `${rng.int(1, 9999)} Main St.`,
        line2: null,
        postal_code: '94107',
        state: 'CA',
      },
      dob: who.dob,
      error: docError,
      expiration_date: { day: 1, month: 12, year: code === 'document_expired' ? 2023 : 2031 },
      files: [stripeId(rng, 'file'), stripeId(rng, 'file')],
      first_name: who.first_name,
      issued_date: { day: 1, month: 12, year: 2021 },
      issuing_country: 'US',
      last_name: who.last_name,
      number: String(rng.int(10_000_000, 99_999_999)),
      status: status('document'),
      type: rng.pick(['driving_license', 'id_card', 'passport'] as const),
    },
    selfie: { document: stripeId(rng, 'file'), selfie: stripeId(rng, 'file'), error: selfieError, status: status('selfie') },
    ...(session.type === 'id_number'
      ? {
          id_number: {
            dob: who.dob,
            error: error('id_number') as Stripe.Identity.VerificationReport.IdNumber.Error | null,
            first_name: who.first_name,
            last_name: who.last_name,
            id_number: String(rng.int(100_000_000, 999_999_999)),
            id_number_type: 'us_ssn' as const,
            status: status('id_number'),
          },
        }
      : {}),
  }
}

const NO_REPORT: ReadonlySet<StripeLastErrorCode> = new Set([
  'abandoned',
  'consent_declined',
  'device_not_supported',
  'country_not_supported',
])

function plans(rng: Rng, count: number): Plan[] {
  const story: Plan[] = [
    { status: 'verified', code: null, reference: STRIPE_STORY_REFERENCE },
    { status: 'requires_input', code: 'document_expired', reference: STRIPE_STORY_REFERENCE },
    { status: 'canceled', code: 'selfie_face_mismatch', reference: STRIPE_STORY_REFERENCE },
  ]
  const rest: Plan[] = []
  for (let i = 0; i < count; i++) {
    const status = rng.weighted<StripeSessionStatus>([
      ['verified', 4],
      ['requires_input', 3],
      ['processing', 1],
      ['canceled', 2],
    ])
    const code =
      status === 'requires_input' ? rng.pick(REQUIRES_INPUT_CODES) : status === 'canceled' && rng.chance(0.5) ? 'abandoned' : null
    rest.push({
      status,
      code,
      reference: rng.chance(0.7) ? `user_${rng.int(1000, 99999)}` : null,
      redacted: status === 'verified' && rng.chance(0.1),
    })
  }
  // The story first (newest), Stripe's fixture session after it, then the rest; Dana's attempt last,
  // so the sessions before it stay as they were.
  const dana: Plan = { status: 'requires_input', code: 'selfie_face_mismatch', reference: STRIPE_DANA_REFERENCE }
  return [...story.slice(0, 1), { status: 'verified', code: null, reference: null }, ...story.slice(1), ...rest, dana]
}

function verifiedOutputs(rng: Rng, redacted: boolean): Stripe.Identity.VerificationSession.VerifiedOutputs {
  const who = person(rng)
  const r = (v: string) => (redacted ? '[redacted]' : v)
  return {
    address: {
      city: r('Berlin'),
      country: 'DE',
      line1: r(`Hauptstraße ${rng.int(1, 200)}`),
      line2: null,
      postal_code: r('10115'),
      state: null,
    },
    dob: redacted ? null : who.dob,
    email: r(`${who.first_name.toLowerCase()}@example.com`),
    first_name: r(who.first_name),
    id_number: null,
    id_number_type: null,
    last_name: r(who.last_name),
    phone: r(`+4915${rng.int(10_000_000, 99_999_999)}`),
    sex: redacted ? '[redacted]' : rng.pick(['female', 'male', 'unknown'] as const),
    unparsed_place_of_birth: null,
    unparsed_sex: null,
  }
}

function session(rng: Rng, plan: Plan, created: number, reports: Map<string, StripeReport>, fixture: boolean): StripeSession {
  const id = fixture ? STRIPE_FIXTURE_IDS.session : stripeId(rng, 'vs')
  const type: StripeSession['type'] = rng.chance(0.15) ? 'id_number' : 'document'
  const base = { id, created, type, client_reference_id: plan.reference }
  const hasReport = plan.status !== 'processing' && !(plan.code && NO_REPORT.has(plan.code))
  const made = hasReport ? report(rng, base, plan.code, fixture ? STRIPE_FIXTURE_IDS.report : undefined) : null
  if (made) reports.set(made.id, made)
  const open = plan.status === 'requires_input'
  return {
    ...base,
    object: 'identity.verification_session',
    client_secret: open ? `${id}_secret_test_${stripeId(rng, 'x').slice(2)}` : null,
    last_error: plan.code ? { code: plan.code, reason: REASONS[plan.code] ?? 'The user could not be verified.' } : null,
    last_verification_report: made?.id ?? null,
    livemode: false,
    metadata: rng.chance(0.5) ? { order_id: `order_${rng.int(1000, 9999)}`, customer_email: 'someone@example.com' } : {},
    options: { document: { allowed_types: ['driving_license', 'id_card', 'passport'], require_matching_selfie: true } },
    provided_details: rng.chance(0.5) ? { email: 'provided@example.com', phone: '+15555550100' } : null,
    redaction: plan.redacted ? { status: 'redacted' } : fixture ? { status: 'processing' } : null,
    related_customer: null,
    status: plan.status,
    url: open ? `https://verify.stripe.com/start/test_${stripeId(rng, 'x').slice(2)}` : null,
    verified_outputs: plan.status === 'verified' ? verifiedOutputs(rng, plan.redacted === true) : null,
  }
}

/** The dataset for an anchor time (epoch ms): 3 story sessions, Stripe's fixture, `count` more and Dana's. */
export function seedStripe(nowMs: number, count = 36): StripeDataset {
  const rng = createRng(STRIPE_SEED)
  const reports = new Map<string, StripeReport>()
  let created = Math.floor(nowMs / 1000) - 120
  const sessions = plans(rng, count).map((plan, i) => {
    created -= rng.int(600, 4 * 3600)
    return session(rng, plan, created, reports, i === 1)
  })
  return { sessions, reports, byId: new Map(sessions.map((s) => [s.id, s])) }
}
