/** One verification attempt (government ID, selfie, database, phone, email or document) with its checks and extracted data. */
import { CHECKS_BY_TYPE, VERIFICATION_TEMPLATES, type CheckSpec } from './persona-catalog.ts'
import type { Person } from './persona-seed-people.ts'
import type { Transition, Verification, VerificationCheck, VerificationStatus, VerificationType } from './persona-types.ts'
import type { Rng } from './prng.ts'
import { SECOND } from './timeline.ts'

/** Photo attributes each type carries (each gets a signed files.withpersona.com URL once submitted). */
const PHOTO_ATTRIBUTES: Partial<Record<VerificationType, string[]>> = {
  'verification/government-id': ['front-photo-url', 'back-photo-url'],
  'verification/selfie': ['center-photo-url', 'left-photo-url', 'right-photo-url'],
}

/**
 * @param outcome how the attempt ends (`null` = the applicant walked away before it finished)
 * @param abandoned the applicant left during this attempt (it may still have been submitted)
 * @param flagged a check the template does not require fails (a repeat, a public figure…): the verification
 *   still passes, and the workflow declines on it
 */
export function makeVerification(
  rng: Rng,
  type: VerificationType,
  inquiryId: string,
  createdAt: number,
  outcome: VerificationStatus | null,
  person: Person,
  abandoned: boolean,
  flagged = false,
): Verification {
  const submitted = abandoned ? (rng.chance(0.3) ? createdAt + rng.int(15, 90) * SECOND : null) : createdAt + rng.int(15, 90) * SECOND
  const completed = outcome !== null && submitted !== null ? submitted + rng.int(2, 12) * SECOND : null
  const status: VerificationStatus = completed !== null && outcome ? outcome : submitted !== null ? 'submitted' : 'initiated'
  const transitions: Transition<VerificationStatus>[] = [{ status: 'initiated', at: createdAt }]
  if (submitted !== null) transitions.push({ status: 'submitted', at: submitted })
  if (completed !== null && outcome) transitions.push({ status: outcome, at: completed })
  const specs = CHECKS_BY_TYPE[type]
  const required = specs.filter((c) => c.requirement === 'required')
  const optional = specs.filter((c) => c.requirement === 'not_required')
  const failing =
    status === 'failed' || status === 'requires_retry'
      ? rng.pick(required)
      : flagged && status === 'passed' && optional.length > 0
        ? rng.pick(optional)
        : null
  const checks = makeChecks(rng, specs, completed !== null, failing, person.place.countryCode)
  const [templateId, templateVersionId] = VERIFICATION_TEMPLATES[type]
  return {
    id: `ver_${rng.base58(24)}`,
    type,
    inquiryId,
    createdAt,
    status,
    transitions,
    submittedAt: submitted,
    completedAt: completed,
    countryCode: person.place.countryCode,
    checks,
    details: makeDetails(rng, type, person, createdAt, completed !== null, status),
    photoAttributes: PHOTO_ATTRIBUTES[type] ?? [],
    documentId: type === 'verification/government-id' || type === 'verification/document' ? `doc_${rng.base58(24)}` : null,
    verificationTemplateId: templateId,
    verificationTemplateVersionId: templateVersionId,
  }
}

/**
 * Every check of the type: the failing one failed with its reasons, the rest passed, or not applicable where
 * they cannot run (a US-only lookup on another country's ID) or, rarely, were skipped.
 */
export function makeChecks(
  rng: Rng,
  specs: readonly CheckSpec[],
  completed: boolean,
  failing: CheckSpec | null,
  countryCode: string,
): VerificationCheck[] {
  return specs.map((spec) => {
    const base = { name: spec.name, requirement: spec.requirement, metadata: {} as Record<string, never> }
    if (spec === failing) return { ...base, status: 'failed', reasons: [...rng.pick(spec.fails)] }
    if (!completed) return { ...base, status: 'not_applicable', reasons: [] }
    if (spec.name === 'id_aamva_database_lookup' && countryCode !== 'US')
      return { ...base, status: 'not_applicable', reasons: [spec.notApplicable ?? 'not_applicable'] }
    return rng.chance(0.05) ? { ...base, status: 'not_applicable', reasons: [] } : { ...base, status: 'passed', reasons: [] }
  })
}

function makeDetails(
  rng: Rng,
  type: VerificationType,
  person: Person,
  createdAt: number,
  completed: boolean,
  status: VerificationStatus,
): Verification['details'] {
  const f = person.fields
  switch (type) {
    case 'verification/government-id':
      return {
        'id-class': rng.weighted([
          ['dl', 6],
          ['pp', 3],
          ['id', 2],
        ] as const),
        'capture-method': rng.pick(['auto', 'manual', 'upload']),
        'name-first': completed ? f['name-first'] : null,
        'name-middle': completed ? f['name-middle'] : null,
        'name-last': completed ? f['name-last'] : null,
        birthdate: completed ? f.birthdate : null,
        'document-number': completed ? `${rng.pick(['D', 'P', 'X'])}${rng.int(1000000, 99999999)}` : null,
        'expiration-date': completed
          ? `${new Date(createdAt).getUTCFullYear() + rng.int(status === 'failed' ? -2 : 1, 8)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`
          : null,
        'entity-confidence-score': completed ? rng.int(60, 100) : null,
      }
    case 'verification/selfie':
      return {
        'capture-method': rng.pick(['video', 'photo']),
        'selfie-similarity-score-left': completed ? Math.round(rng.float(0.5, 0.99) * 100) / 100 : null,
        'selfie-similarity-score-right': completed ? Math.round(rng.float(0.5, 0.99) * 100) / 100 : null,
      }
    case 'verification/database':
      return {
        'name-first': f['name-first'],
        'name-last': f['name-last'],
        birthdate: f.birthdate,
        'address-street-1': f['address-street-1'],
        'address-city': f['address-city'],
        'address-postal-code': f['address-postal-code'],
        'phone-number': f['phone-number'],
        'identification-number': f['identification-number'],
      }
    case 'verification/phone-number':
      return {
        'phone-number': f['phone-number'] ?? `${person.place.phonePrefix}555${String(rng.int(100, 9999)).padStart(4, '0')}`,
        'confirmation-code': String(rng.int(10000, 99999)),
        metadata: { 'telesign-risk-score': rng.int(1, 400) },
      }
    case 'verification/email-address':
      return { 'email-address': f['email-address'], 'confirmation-code': String(rng.int(10000, 99999)) }
    case 'verification/document':
      return { 'document-type': rng.pick(['standard_utility_bill', 'bank_statement', 'other']), fields: {} }
  }
}
