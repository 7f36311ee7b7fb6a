import { canonicalId } from '@idv-lens/shared/ids'
import type { LookupTools } from '../../kit/lookup.ts'
import type { RequesterValues, VendorRequester } from '../../kit/vendor.ts'
import { ApiError } from '../../kit/errors.ts'
import type { OnfidoWorkflowRun } from './types.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const textOf = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null)

/** The run's applicant ID: a run holds no person, only whose it is. */
async function applicantOf(t: LookupTools, runId: string): Promise<string> {
  const run = await t.get<OnfidoWorkflowRun>({
    provider: 'onfido',
    path: `workflow_runs/${canonicalId(runId, 'onfido-workflow-run')}`,
    query: '',
  })
  if (typeof run.applicant_id !== 'string' || !UUID.test(run.applicant_id)) {
    throw new ApiError('upstream-invalid', 'Onfido answered a run without its applicant_id.', { provider: 'onfido' })
  }
  return run.applicant_id.toLowerCase()
}

/**
 * A run's person: its applicant (`GET /applicants/{id}`: `email`, `first_name`, `last_name`,
 * `phone_number`, `dob`; docs/vendors/onfido.md §3), read here and dropped, never cached. Onfido
 * names no middle name. A match confirms the applicant: its new links are bounded per applicant too.
 */
export const onfidoRequester: VendorRequester = {
  kinds: ['onfido-workflow-run'],
  async read(t, item, countRecord): Promise<RequesterValues> {
    const applicant = await applicantOf(t, item.id)
    // The person is the applicant's, whichever of its runs is asked about: its checks are counted as one record's.
    await countRecord(applicant)
    const person = await t.get<Record<string, unknown>>({ provider: 'onfido', path: `applicants/${applicant}`, query: '' })
    return {
      email: textOf(person['email']),
      name: { first: textOf(person['first_name']), middle: null, last: textOf(person['last_name']) },
      phone: textOf(person['phone_number']),
      birthdate: textOf(person['dob']),
      confirms: applicant,
    }
  },
}
