import { dashboardUrl, personaCaseDashboardUrl } from '@idv-lens/shared/ids'
import {
  MAX_FAILED_LISTED,
  type LookupCase,
  type LookupReason,
  type PersonaEvent,
  type PersonaInquiry,
  type PersonaInquirySession,
} from '@idv-lens/shared/api'
import { summaryFields, type Found } from '../../kit/lookup.ts'

/** Persona objects as one-line lookup summaries (lookup/found.ts says what a summary keeps). */

const f = summaryFields('persona', 'Persona')

/** What an inquiry's summary adds when it was read: why it ended as it did, and its newest case. */
export type InquiryExtras = { reason: LookupReason | null; case: LookupCase | null }

/** The ID of a to-one relationship (`{data: {type, id}}`), or null. */
function relatedId(relationship: { data: unknown } | undefined, where: string): string | null {
  const data = relationship?.data
  if (data === undefined || data === null || Array.isArray(data) || typeof data !== 'object') return null
  return f.optText((data as { id?: unknown }).id, where)
}

export function summarizeInquiry(
  inquiry: PersonaInquiry,
  latestSession: PersonaInquirySession | undefined,
  extras?: InquiryExtras,
): Found<'persona-inquiry'> {
  const a = inquiry.attributes
  const s = latestSession?.attributes
  return {
    found: true,
    id: f.text(inquiry.id, 'id'),
    kind: 'persona-inquiry',
    provider: 'persona',
    type: f.text(inquiry.type, 'type'),
    status: f.text(a.status, 'attributes.status'),
    createdAt: f.optText(a['created-at'], 'attributes.created-at'),
    updatedAt: f.optText(a['updated-at'], 'attributes.updated-at'),
    dashboardUrl: dashboardUrl('persona-inquiry', inquiry.id),
    reason: extras?.reason ?? null,
    case: extras?.case ?? null,
    details: {
      kind: 'persona-inquiry',
      referenceId: f.optText(a['reference-id'], 'attributes.reference-id'),
      completedAt: f.optText(a['completed-at'], 'attributes.completed-at'),
      latestSessionId: f.optText(latestSession?.id, 'session id'),
      threatLevel: f.optText(s?.['threat-level'], 'session attributes.threat-level'),
      countryCode: f.optText(s?.['country-code'], 'session attributes.country-code'),
      countryName: f.optText(s?.['country-name'], 'session attributes.country-name'),
    },
  }
}

export function networkFlags(s: PersonaInquirySession['attributes']): string[] {
  const flags: [keyof typeof s, string][] = [
    ['is-vpn', 'VPN'],
    ['is-proxy', 'proxy'],
    ['is-tor', 'Tor'],
    ['is-datacenter', 'datacenter'],
  ]
  return flags.filter(([key]) => s[key] === true).map(([, label]) => label)
}

export function summarizeSession(session: PersonaInquirySession): Found<'persona-inquiry-session'> {
  const a = session.attributes
  return {
    found: true,
    id: f.text(session.id, 'id'),
    kind: 'persona-inquiry-session',
    provider: 'persona',
    type: f.text(session.type, 'type'),
    status: f.text(a.status, 'attributes.status'),
    createdAt: f.optText(a['created-at'], 'attributes.created-at'),
    updatedAt: f.optText(a['expired-at'], 'attributes.expired-at') ?? f.optText(a['started-at'], 'attributes.started-at'),
    dashboardUrl: dashboardUrl('persona-inquiry-session', session.id),
    reason: null,
    case: null,
    details: {
      kind: 'persona-inquiry-session',
      inquiryId: relatedId(session.relationships?.inquiry, 'relationships.inquiry.data.id'),
      threatLevel: f.optText(a['threat-level'], 'attributes.threat-level'),
      countryCode: f.optText(a['country-code'], 'attributes.country-code'),
      countryName: f.optText(a['country-name'], 'attributes.country-name'),
      deviceType: f.optText(a['device-type'], 'attributes.device-type'),
      browserName: f.optText(a['browser-name'], 'attributes.browser-name'),
      osName: f.optText(a['os-name'], 'attributes.os-name'),
      networkFlags: networkFlags(a),
    },
  }
}

export function summarizeEvent(event: PersonaEvent): Found<'persona-event'> {
  const a = event.attributes
  const payload = a.payload
  const object = payload && typeof payload === 'object' && payload.data && typeof payload.data === 'object' ? payload.data : undefined
  const name = f.text(a.name, 'attributes.name')
  return {
    found: true,
    id: f.text(event.id, 'id'),
    kind: 'persona-event',
    provider: 'persona',
    type: f.text(event.type, 'type'),
    status: name,
    createdAt: f.optText(a['created-at'], 'attributes.created-at'),
    updatedAt: null,
    dashboardUrl: dashboardUrl('persona-event', event.id),
    reason: null,
    case: null,
    details: {
      kind: 'persona-event',
      name,
      objectType: f.optText(object?.type, 'attributes.payload.data.type'),
      objectId: f.optText(object?.id, 'attributes.payload.data.id'),
    },
  }
}

type Resource = { type?: unknown; id?: unknown; attributes?: Record<string, unknown> }
type Check = { name: string; status: string; reasons: string[] }

/** A verification's checks, each type-checked (`reasons` may hold nulls in the spec: dropped). */
function checksOf(verification: Resource): Check[] {
  const checks = verification.attributes?.checks
  if (checks === undefined || checks === null) return []
  if (!Array.isArray(checks)) throw f.invalid('verification attributes.checks')
  return checks.map((check: unknown) => {
    if (!check || typeof check !== 'object') throw f.invalid('verification attributes.checks[]')
    const c = check as Record<string, unknown>
    const reasons = c.reasons === undefined || c.reasons === null ? [] : c.reasons
    if (!Array.isArray(reasons) || !reasons.every((r) => r === null || typeof r === 'string'))
      throw f.invalid('verification attributes.checks[].reasons')
    return {
      name: f.text(c.name, 'verification attributes.checks[].name'),
      status: f.text(c.status, 'verification attributes.checks[].status'),
      reasons: reasons.filter((r): r is string => typeof r === 'string' && r.length > 0),
    }
  })
}

const createdAt = (v: Resource): number => {
  const at = v.attributes?.['created-at']
  const ms = typeof at === 'string' ? Date.parse(at) : NaN
  return Number.isNaN(ms) ? -Infinity : ms
}

/**
 * Why an inquiry ended as it did, from its verifications (`included` of a retrieve): the first failed
 * check of the newest verification that has one (a retry that failed again says more than the attempt
 * before it), its reason codes, how many checks failed across all of them, and every failed check,
 * the newest verification's first. Null when none failed.
 */
export function reasonOf(included: readonly unknown[]): LookupReason | null {
  const verifications = included.filter(
    (item): item is Resource =>
      !!item &&
      typeof item === 'object' &&
      typeof (item as Resource).type === 'string' &&
      ((item as Resource).type as string).startsWith('verification/'),
  )
  const failing = verifications
    .map((verification) => ({
      at: createdAt(verification),
      verification,
      failed: checksOf(verification).filter((check) => check.status === 'failed'),
    }))
    .filter((v) => v.failed.length > 0)
    // Newest first; of two at once, the one listed first (a stable sort keeps Persona's order).
    .sort((a, b) => (b.at > a.at ? 1 : b.at < a.at ? -1 : 0))
  const newest = failing[0]
  if (!newest) return null
  const all = failing.flatMap((v) => v.failed)
  const first = newest.failed[0]!
  return {
    check: first.name,
    reasons: first.reasons,
    verificationId: f.text(newest.verification.id, 'verification id'),
    failedChecks: all.length,
    failed: all.slice(0, MAX_FAILED_LISTED).map((check) => ({ check: check.name, reasons: check.reasons })),
  }
}

/** The newest case of a `GET /cases?filter[inquiry-id]=` page (newest first), or null. */
export function caseOf(cases: readonly unknown[]): LookupCase | null {
  const newest = cases[0] as Resource | undefined
  if (!newest) return null
  const id = f.text(newest.id, 'case id')
  return {
    id,
    status: f.text(newest.attributes?.status, 'case attributes.status'),
    resolution: f.optText(newest.attributes?.resolution, 'case attributes.resolution'),
    dashboardUrl: personaCaseDashboardUrl(id),
  }
}
