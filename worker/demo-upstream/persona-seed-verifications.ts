/** One verification attempt (government ID, selfie or database check) with its checks and extracted data. */
import { DATABASE_CHECKS, GOVERNMENT_ID_CHECKS, SELFIE_CHECKS, VERIFICATION_TEMPLATES } from './persona-catalog.ts'
import type { Person } from './persona-seed-people.ts'
import type { Transition, Verification, VerificationStatus, VerificationType } from './persona-types.ts'
import type { Rng } from './prng.ts'
import { SECOND } from './timeline.ts'

/**
 * @param outcome how the attempt ends (`null` = the applicant walked away before it finished)
 * @param abandoned the applicant left during this attempt (it may still have been submitted)
 */
export function makeVerification(
  rng: Rng,
  type: VerificationType,
  inquiryId: string,
  createdAt: number,
  outcome: VerificationStatus | null,
  person: Person,
  abandoned: boolean,
): Verification {
  const submitted = abandoned ? (rng.chance(0.3) ? createdAt + rng.int(15, 90) * SECOND : null) : createdAt + rng.int(15, 90) * SECOND
  const completed = outcome !== null && submitted !== null ? submitted + rng.int(2, 12) * SECOND : null
  const status: VerificationStatus = completed !== null && outcome ? outcome : submitted !== null ? 'submitted' : 'initiated'
  const transitions: Transition<VerificationStatus>[] = [{ status: 'initiated', at: createdAt }]
  if (submitted !== null) transitions.push({ status: 'submitted', at: submitted })
  if (completed !== null && outcome) transitions.push({ status: outcome, at: completed })
  const checkNames = type === 'verification/government-id' ? GOVERNMENT_ID_CHECKS : type === 'verification/selfie' ? SELFIE_CHECKS : DATABASE_CHECKS
  const failing = status === 'failed' || status === 'requires_retry' ? rng.pick(checkNames) : null
  const checks: Verification['checks'] = checkNames.map((name) => ({
    name,
    status: name === failing ? 'failed' : completed === null ? 'not_applicable' : rng.chance(0.08) ? 'not_applicable' : 'passed',
    reasons: name === failing ? [rng.pick(['expired', 'unreadable', 'mismatch', 'suspicious'])] : [],
    requirement: 'required',
    metadata: {},
  }))
  const f = person.fields
  const details: Verification['details'] =
    type === 'verification/government-id'
      ? {
          'id-class': rng.weighted([['dl', 6], ['pp', 3], ['id', 2]] as const),
          'capture-method': rng.pick(['auto', 'manual', 'upload']),
          'name-first': completed ? f['name-first'] : null,
          'name-middle': completed ? f['name-middle'] : null,
          'name-last': completed ? f['name-last'] : null,
          birthdate: completed ? f.birthdate : null,
          'document-number': completed ? `${rng.pick(['D', 'P', 'X'])}${rng.int(1000000, 99999999)}` : null,
          'expiration-date': completed ? `${new Date(createdAt).getUTCFullYear() + rng.int(status === 'failed' ? -2 : 1, 8)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}` : null,
          'entity-confidence-score': completed ? rng.int(60, 100) : null,
        }
      : type === 'verification/selfie'
        ? {
            'capture-method': rng.pick(['video', 'photo']),
            'selfie-similarity-score-left': completed ? Math.round(rng.float(0.5, 0.99) * 100) / 100 : null,
            'selfie-similarity-score-right': completed ? Math.round(rng.float(0.5, 0.99) * 100) / 100 : null,
          }
        : { 'name-first': f['name-first'], 'name-last': f['name-last'], birthdate: f.birthdate, 'address-street-1': f['address-street-1'] }
  const [templateId, templateVersionId] = VERIFICATION_TEMPLATES[type] ?? ['', '']
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
    details,
    photoAttributes:
      type === 'verification/government-id' ? ['front-photo-url', 'back-photo-url'] : type === 'verification/selfie' ? ['center-photo-url', 'left-photo-url', 'right-photo-url'] : [],
    documentId: type === 'verification/government-id' ? `doc_${rng.base58(24)}` : null,
    verificationTemplateId: templateId,
    verificationTemplateVersionId: templateVersionId,
  }
}

