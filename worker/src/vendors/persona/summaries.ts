import { dashboardUrl } from '@idv-lens/shared/ids'
import type { PersonaEvent, PersonaInquiry, PersonaInquirySession } from '@idv-lens/shared/api'
import { str, type Found } from '../../lookup/found.ts'

/** Persona objects as one-line lookup summaries (lookup/found.ts says what a summary keeps). */

export function summarizeInquiry(inquiry: PersonaInquiry, latestSession: PersonaInquirySession | undefined): Found<'persona-inquiry'> {
  const a = inquiry.attributes
  const s = latestSession?.attributes
  return {
    found: true,
    id: inquiry.id,
    kind: 'persona-inquiry',
    provider: 'persona',
    type: inquiry.type,
    status: a.status,
    createdAt: str(a['created-at']),
    updatedAt: str(a['updated-at']),
    dashboardUrl: dashboardUrl('persona-inquiry', inquiry.id),
    reason: null,
    case: null,
    details: {
      kind: 'persona-inquiry',
      referenceId: str(a['reference-id']),
      completedAt: str(a['completed-at']),
      latestSessionId: latestSession?.id ?? null,
      threatLevel: str(s?.['threat-level']),
      countryCode: str(s?.['country-code']),
      countryName: str(s?.['country-name']),
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
  const inquiry = session.relationships?.inquiry?.data
  return {
    found: true,
    id: session.id,
    kind: 'persona-inquiry-session',
    provider: 'persona',
    type: session.type,
    status: a.status,
    createdAt: str(a['created-at']),
    updatedAt: str(a['expired-at']) ?? str(a['started-at']),
    dashboardUrl: dashboardUrl('persona-inquiry-session', session.id),
    reason: null,
    case: null,
    details: {
      kind: 'persona-inquiry-session',
      inquiryId: inquiry && !Array.isArray(inquiry) && 'id' in inquiry ? (inquiry.id as string) : null,
      threatLevel: str(a['threat-level']),
      countryCode: str(a['country-code']),
      countryName: str(a['country-name']),
      deviceType: str(a['device-type']),
      browserName: str(a['browser-name']),
      osName: str(a['os-name']),
      networkFlags: networkFlags(a),
    },
  }
}

export function summarizeEvent(event: PersonaEvent): Found<'persona-event'> {
  const a = event.attributes
  const object = a.payload?.data
  return {
    found: true,
    id: event.id,
    kind: 'persona-event',
    provider: 'persona',
    type: event.type,
    status: a.name,
    createdAt: str(a['created-at']),
    updatedAt: null,
    dashboardUrl: dashboardUrl('persona-event', event.id),
    reason: null,
    case: null,
    details: { kind: 'persona-event', name: a.name, objectType: str(object?.type), objectId: str(object?.id) },
  }
}
