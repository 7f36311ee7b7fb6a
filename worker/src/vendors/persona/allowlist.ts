import {
  choose,
  isPlainText,
  isRecord,
  keepAllowed,
  list,
  object,
  value,
  values,
  withheld,
  WITHHELD,
  type Rule,
} from '../allowlist-walk.ts'

/*
 * What of a Persona body may leave the relay, per object `type`, in kebab-case (the walk matches camel and
 * snake keys too), from Persona's OpenAPI documents in worker/demo-upstream/spec/; docs/vendors/allowlist.md
 * says why each entry is kept. Kept: what an agent decides on and what the extension and lookup summaries
 * read. Never copied: names, birthdate, address parts, ID and document numbers, emails, phones, photos,
 * videos, links, `fields`, attachments and free-text notes or comments. A key the spec requires is kept
 * with its value withheld (null, WITHHELD, `{}` or `[]`), so our bodies still validate against Persona's schema.
 */

/** Every key of a `checks[]` item but `metadata`, which carries extracted values. */
const check = values('name', 'status', 'reasons', 'requirement')

/** Behaviour signals: counters, timings and the threat level Persona derives from them. */
const behaviors = values(
  'behavior-threat-level',
  'bot-score',
  'request-spoof-attempts',
  'user-agent-spoof-attempts',
  'distraction-events',
  'hesitation-baseline',
  'hesitation-count',
  'hesitation-time',
  'hesitation-percentage',
  'shortcut-copies',
  'shortcut-pastes',
  'autofill-cancels',
  'autofill-starts',
  'devtools-open',
  'debugger-attached',
  'completion-time',
  'api-version-less-than-minimum-count',
  'mobile-sdk-version-less-than-minimum-count',
)

type TypeList = { attributes: Record<string, Rule>; relationships: readonly string[] }

const plain = (...names: string[]): Record<string, Rule> => Object.fromEntries(names.map((name) => [name, value]))

const VERIFICATION_RELATIONSHIPS = [
  'inquiry',
  'inquiry-template',
  'inquiry-template-version',
  'template',
  'transaction',
  'accounts',
  'document',
  'verification-template',
  'verification-template-version',
]

/** The attributes every `verification/*` shares (the spec's verification-shared-attributes). */
const VERIFICATION_SHARED = {
  ...plain('status', 'created-at', 'created-at-ts', 'submitted-at', 'submitted-at-ts', 'completed-at', 'completed-at-ts'),
  ...plain('redacted-at', 'country-code', 'tags'),
  checks: list(check),
}

const verification = (...extra: string[]): TypeList => ({
  attributes: { ...VERIFICATION_SHARED, ...plain(...extra) },
  relationships: VERIFICATION_RELATIONSHIPS,
})

/** A digital ID answers with its provider's verdict and country; the person's data in it stays behind. */
const digitalId = (...extra: string[]) => verification('response-status', 'response-country', ...extra)

const DOCUMENT: TypeList = {
  attributes: plain('status', 'kind', 'document-type', 'created-at', 'processed-at', 'processed-at-ts'),
  relationships: ['inquiry', 'inquiry-template', 'inquiry-template-version', 'template', 'transaction', 'document-files'],
}

const SELFIE: TypeList = { attributes: plain('status', 'created-at', 'processed-at'), relationships: ['inquiry'] }

const REPORT_SHARED = plain(
  'status',
  'created-at',
  'completed-at',
  'redacted-at',
  'has-match',
  'is-continuous',
  'is-recurring',
  'report-template-version-name',
  'tags',
)
const report = (...extra: string[]): TypeList => ({
  attributes: { ...REPORT_SHARED, ...plain(...extra) },
  relationships: ['account', 'inquiry', 'report-template', 'transaction'],
})

/** Nothing of the value: an array stays an array, empty. */
const emptyList = list(choose(() => null))
/** A business report: its required keys kept, with the search, people, owners and registrations withheld. */
const businessReport = (required: Record<string, Rule>): TypeList => {
  const base = report()
  return { ...base, attributes: { ...base.attributes, query: object({ 'address-country-code': withheld(WITHHELD) }), ...required } }
}

/**
 * A JSON:API resource, allowlisted by its `type`; anything without a plain string type and ID (not a
 * link in any reading) is left out. Its rule is looked up when a body is walked, so the tables below
 * (an event's payload) may refer to it.
 */
const resource: Rule = choose((v) => (isRecord(v) && isPlainText(v.type) && isPlainText(v.id) ? ruleFor(v.type) : null))

/** Exactly typed objects; `document/*`, `selfie/*`, `report/*` and `verification/*` fall back to their family. */
const PERSONA_TYPES: Readonly<Record<string, TypeList>> = {
  inquiry: {
    attributes: {
      ...plain('status', 'reference-id', 'tags', 'previous-step-name', 'next-step-name'),
      ...plain('created-at', 'updated-at', 'started-at', 'expires-at', 'completed-at', 'failed-at'),
      ...plain('marked-for-review-at', 'decisioned-at', 'expired-at', 'redacted-at'),
      behaviors,
      // Required by the spec (both versions); what they hold never leaves.
      note: withheld(null),
      'reviewer-comment': withheld(null),
      creator: withheld(WITHHELD),
      fields: object({}),
    },
    relationships: [
      'account',
      'template',
      'inquiry-template',
      'inquiry-template-version',
      'reviewer',
      'reports',
      'verifications',
      'sessions',
      'documents',
      'selfies',
      'transaction',
    ],
  },
  'inquiry-session': {
    // Device and network signals; never the IP address, the user agent or coordinates.
    attributes: plain(
      'status',
      'created-at',
      'started-at',
      'expired-at',
      'country-code',
      'country-name',
      'region-code',
      'region-name',
      'threat-level',
      'device-type',
      'device-name',
      'device-handoff-method',
      'os-name',
      'os-full-version',
      'browser-name',
      'browser-full-version',
      'mobile-sdk-name',
      'mobile-sdk-full-version',
      'ip-connection-type',
      'ip-isp',
      'network-organization',
      'is-vpn',
      'is-proxy',
      'is-tor',
      'is-datacenter',
    ),
    relationships: ['inquiry', 'device', 'network'],
  },
  network: {
    attributes: plain(
      'created-at',
      'country-code',
      'country-name',
      'region-code',
      'region-name',
      'threat-level',
      'proxy-type',
      'service-type',
      'service-provider',
    ),
    relationships: [],
  },
  // Fingerprints identify a person's device across inquiries: only the reference to it is kept.
  device: { attributes: {}, relationships: [] },
  event: {
    attributes: {
      ...plain('name', 'created-at'),
      // The object the event is about, allowlisted by its own type.
      payload: object({ data: choose((v) => (Array.isArray(v) ? list(resource) : resource)), included: list(resource) }),
    },
    relationships: [],
  },
  case: {
    attributes: {
      ...plain('status', 'resolution', 'tags', 'created-at', 'updated-at', 'assigned-at', 'resolved-at', 'redacted-at', 'sla-expires-at'),
      // The reviewer who holds the case (a staff address): the inquiry's "Why" section names them.
      ...plain('assignee-id'),
      ...plain('creator-type', 'assigner-type', 'resolver-type', 'updater-type'),
    },
    relationships: ['accounts', 'inquiries', 'verifications', 'reports', 'txns', 'case-template', 'case-queue', 'case-comments'],
  },
  // Who wrote a comment and what it says stay behind; that there is one, and when, is kept.
  'case-comment': { attributes: plain('commenter-type', 'created-at', 'updated-at'), relationships: [] },
  'case-queue': { attributes: plain('name', 'status', 'created-at', 'updated-at', 'archived-at'), relationships: [] },
  'case-template': { attributes: plain('name', 'status', 'created-at', 'updated-at', 'archived-at'), relationships: [] },
  account: {
    attributes: plain(
      'account-status',
      'account-type-name',
      'reference-id',
      'country-code',
      'tags',
      'created-at',
      'updated-at',
      'redacted-at',
    ),
    relationships: ['account-type'],
  },
  template: { attributes: plain('name'), relationships: [] },
  'inquiry-template': { attributes: plain('name', 'status'), relationships: ['latest-published-version'] },
  'inquiry-template-version': {
    attributes: plain('name-display', 'status', 'created-at', 'updated-at', 'published-at'),
    relationships: ['inquiry-template'],
  },
  transaction: {
    attributes: plain('status', 'reference-id', 'tags', 'created-at', 'updated-at'),
    relationships: ['transaction-type', 'transaction-label', 'reviewer', 'related-objects'],
  },
  // A dashboard user: name and email only, so nothing but the reference.
  user: { attributes: {}, relationships: [] },
  workflow: { attributes: plain('name', 'status', 'created-at'), relationships: ['active-deployment', 'latest-published-version'] },
  'workflow-run': { attributes: plain('status', 'created-at', 'completed-at'), relationships: ['workflow', 'workflow-version', 'creator'] },
  'workflow-deployment': { attributes: plain('status', 'created-at', 'updated-at'), relationships: [] },

  'document/government-id': { ...DOCUMENT, attributes: { ...DOCUMENT.attributes, ...plain('id-class') } },
  'report/email-address': report(
    'email-is-deliverable',
    'email-is-disposable',
    'email-is-free-provider',
    'email-is-suspicious',
    'email-is-spam',
    'email-is-blocklisted',
    'email-reputation',
    'email-data-breached',
    'email-credentials-leaked',
    'email-malicious-activity-detected',
  ),
  'report/phone-number': report('phone-type', 'phone-risk-level', 'phone-risk-recommendation', 'phone-risk-score', 'phone-risk-sim-swap'),
  'report/synthetic': report('sentilink-abuse-score', 'sentilink-first-party-synthetic-score', 'sentilink-third-party-synthetic-score'),
  'report/business-associated-persons': businessReport({
    'associated-persons': emptyList,
    'ownership-information': object({ owners: emptyList }),
  }),
  'report/business-registrations-lookup': businessReport({ result: object({}) }),

  'verification/government-id': verification(
    'id-class',
    'capture-method',
    'entity-confidence-score',
    'entity-confidence-reasons',
    'from-reusable-persona',
  ),
  'verification/government-id-nfc': verification('id-class'),
  'verification/selfie': verification(
    'capture-method',
    'document-similarity-score',
    'selfie-similarity-score-left',
    'selfie-similarity-score-right',
    'entity-confidence-reasons',
    'from-reusable-persona',
  ),
  'verification/document': verification('document-type'),
  'verification/database-tin': verification('tin-type'),
  'verification/certificate-korea': verification('certificate-type'),
  'verification/qes-infocert': verification('tentative-sub-state'),
  'verification/mdoc': verification('meets-minimum-age', 'issuing-country'),
  'verification/verifiable-credential': verification('selected-credential-types', 'selected-credential-issuer'),
  'verification/digital-id-generic': digitalId('selected-country-code', 'selected-digital-id-type'),
  'verification/digital-id-mit-id': digitalId('level-of-assurance'),
  'verification/digital-id-serpro': verification(
    'selfie-similarity-score',
    'selfie-confidence-level',
    'selfie-comparison-error-code',
    'serpro-selfie-available',
  ),
  ...Object.fromEntries(
    ['e-do-app', 'finnish-trust-network', 'france-identite', 'idin', 'its-me', 'one-id', 'swedish-bank-id'].map((name) => [
      `verification/digital-id-${name}`,
      digitalId(),
    ]),
  ),
}

/** A type Persona documents only by family (`selfie/center-only`, a new `verification/…`): the family's shared part. */
const FAMILIES: readonly [string, TypeList][] = [
  ['verification/', verification()],
  ['document/', DOCUMENT],
  ['selfie/', SELFIE],
  ['report/', report()],
]

/** The allowlist that applies to one `type`, or null for a type Persona has not documented. */
function personaTypeList(type: string): TypeList | null {
  if (Object.hasOwn(PERSONA_TYPES, type)) return PERSONA_TYPES[type] as TypeList
  return FAMILIES.find(([prefix]) => type.startsWith(prefix))?.[1] ?? null
}

/** A reference: a plain type and ID (neither a link in any reading). */
const isReference = (v: unknown) => isRecord(v) && isPlainText(v.type) && isPlainText(v.id)
const reference = values('type', 'id')
/**
 * A relationship keeps its references, never its links: of a list the good ones; one reference as it
 * is when good (or null, or the spec's empty `{}`), and as null (none) when not.
 */
const relationship = object({
  data: choose((v) =>
    Array.isArray(v)
      ? list(choose((item) => (isReference(item) ? reference : null)))
      : v === null || isReference(v) || (isRecord(v) && Object.keys(v).length === 0)
        ? reference
        : withheld(null),
  ),
})

/** Every relationship name a documented type has: the only names an undocumented type's references keep. */
const RELATIONSHIP_NAMES = [
  ...new Set([...Object.values(PERSONA_TYPES), ...FAMILIES.map(([, list]) => list)].flatMap((list) => list.relationships)),
]

/** An undocumented type keeps its identity and references: enough to link it, nothing of its content. */
const UNDOCUMENTED = object({
  type: value,
  id: value,
  attributes: object({}),
  relationships: object(Object.fromEntries(RELATIONSHIP_NAMES.map((name) => [name, relationship]))),
})

// Keyed by the list, not the type name: a vendor can send any number of names, never more lists.
const rules = new WeakMap<TypeList, Rule>()

function ruleFor(type: string): Rule {
  const allowed = personaTypeList(type)
  if (!allowed) return UNDOCUMENTED
  let rule = rules.get(allowed)
  if (!rule) {
    rule = object({
      type: value,
      id: value,
      attributes: object(allowed.attributes),
      relationships: object(Object.fromEntries(allowed.relationships.map((name) => [name, relationship]))),
    })
    rules.set(allowed, rule)
  }
  return rule
}

/**
 * A list or retrieve body: `data` (one or many) and `included`. Never the vendor's `links`: a list's are
 * rebuilt from the caller's query (links.ts), and a retrieve has none in Persona's spec.
 */
const BODY = object({
  data: choose((v) => (Array.isArray(v) ? list(resource) : resource)),
  included: list(resource),
})

/** The allowed copy of a Persona list or retrieve body: the only form in which one is cached or sent. */
export function personaAllowed<T>(body: T): T {
  return (keepAllowed(body, BODY) ?? {}) as T
}

/** The rule for one resource, for the tests that feed every type of the spec through it. */
export const PERSONA_RESOURCE_RULE: Rule = resource
