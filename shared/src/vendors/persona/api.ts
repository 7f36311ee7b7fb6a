/**
 * Persona's JSON:API read shapes as the relay passes them through (default kebab-case inflection).
 * Only the members the tools read are typed; vendors add attributes over time, so every object keeps
 * an index signature instead of pretending to be closed.
 * Source: docs/vendors/persona.md §5, §13.
 */
export type PersonaRef = { type: string; id: string }

export type PersonaResource<TType extends string, TAttributes> = {
  type: TType
  id: string
  attributes: TAttributes & Record<string, unknown>
  relationships?: Record<string, { data: PersonaRef | PersonaRef[] | null | Record<string, never> }>
}

export type PersonaInquiryAttributes = {
  status: string
  'reference-id': string | null
  'created-at': string
  'updated-at'?: string | null
  'started-at'?: string | null
  'completed-at'?: string | null
  'failed-at'?: string | null
  'decisioned-at'?: string | null
  'expired-at'?: string | null
  'expires-at'?: string | null
  'redacted-at'?: string | null
  'previous-step-name'?: string | null
  'next-step-name'?: string | null
  tags?: string[]
  note?: string | null
}

export type PersonaInquirySessionAttributes = {
  status: string
  'created-at': string
  'started-at'?: string | null
  'expired-at'?: string | null
  'device-type'?: string | null
  'device-name'?: string | null
  'os-name'?: string | null
  'os-full-version'?: string | null
  'browser-name'?: string | null
  'browser-full-version'?: string | null
  'is-proxy'?: boolean | null
  'is-tor'?: boolean | null
  'is-datacenter'?: boolean | null
  'is-vpn'?: boolean | null
  'threat-level'?: string | null
  'country-code'?: string | null
  'country-name'?: string | null
  'region-name'?: string | null
  'ip-connection-type'?: string | null
  'ip-isp'?: string | null
}

export type PersonaEventAttributes = {
  name: string
  'created-at': string
  payload?: { data?: { type?: string; id?: string; attributes?: Record<string, unknown> } }
}

/** One check of a verification: Persona's name, `passed` / `failed` / `not_applicable`, and its reason codes. */
export type PersonaCheck = { name: string; status: string; reasons: string[]; requirement?: string | null }

/** What the relay keeps of any `verification/<type>` object (its allowlist drops the rest). */
export type PersonaVerificationAttributes = {
  status: string
  'created-at': string
  'submitted-at'?: string | null
  'completed-at'?: string | null
  'country-code'?: string | null
  tags?: string[]
  checks: PersonaCheck[]
}

/** What the relay keeps of a case: no `fields`, `attachments` or names of the person. */
export type PersonaCaseAttributes = {
  status: string
  name?: string
  resolution: string | null
  'created-at': string
  'updated-at'?: string | null
  'assigned-at'?: string | null
  'resolved-at'?: string | null
  'sla-expires-at'?: string | null
  /** The reviewer the case is assigned to (a staff address of the customer's team, never the person verified). */
  'assignee-id'?: string | null
  tags?: string[]
}

export type PersonaInquiry = PersonaResource<'inquiry', PersonaInquiryAttributes>
export type PersonaVerification = PersonaResource<`verification/${string}`, PersonaVerificationAttributes>
export type PersonaCase = PersonaResource<'case', PersonaCaseAttributes>
export type PersonaInquirySession = PersonaResource<'inquiry-session', PersonaInquirySessionAttributes>
export type PersonaEvent = PersonaResource<'event', PersonaEventAttributes>

export type PersonaLinks = { prev: string | null; next: string | null }

export type PersonaList<T> = { data: T[]; links: PersonaLinks; included?: unknown[] }
export type PersonaSingle<T> = { data: T; included?: unknown[] }

/** The `Persona-Version` values Persona accepts (2025-12-08 spec, `components.schemas.api-version`). */
export const PERSONA_VERSIONS = [
  '2025-12-08',
  '2025-10-27',
  '2023-01-05',
  '2022-09-01',
  '2021-08-18',
  '2021-07-05',
  '2021-02-21',
  '2020-05-18',
] as const

export const KEY_INFLECTIONS = ['camel', 'kebab', 'snake'] as const

/**
 * The headers every Persona read of the extension and of the relay's summaries is made with: kebab-case
 * keys of the current version, whatever the API key's defaults are. One canonical request for one
 * record, so a detail and the history beside it share the relay's cache entry (one vendor call).
 */
export const PERSONA_READ_HEADERS = { 'key-inflection': 'kebab', 'persona-version': '2025-12-08' } as const satisfies {
  'key-inflection': (typeof KEY_INFLECTIONS)[number]
  'persona-version': (typeof PERSONA_VERSIONS)[number]
}

/** What a lookup shows of persona's records (`LookupFound.details`), one member per kind. */
export type PersonaLookupDetails =
  | {
      kind: 'persona-inquiry'
      referenceId: string | null
      completedAt: string | null
      latestSessionId: string | null
      threatLevel: string | null
      countryCode: string | null
      countryName: string | null
    }
  | {
      kind: 'persona-inquiry-session'
      inquiryId: string | null
      threatLevel: string | null
      countryCode: string | null
      countryName: string | null
      deviceType: string | null
      browserName: string | null
      osName: string | null
      networkFlags: string[]
    }
  | { kind: 'persona-event'; name: string; objectType: string | null; objectId: string | null }
