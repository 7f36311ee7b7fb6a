import type { PersonaInquiry, PersonaSingle } from '@idv-lens/shared/api'
import type { RequesterValues, VendorRequester } from '../../kit/vendor.ts'
import { ApiError } from '../../kit/errors.ts'
import { canonicalQuery } from '../../kit/query.ts'
import { PERSONA_SUMMARY_HEADERS } from './lookup.ts'

const ACCOUNT_ID = /^act_[A-Za-z0-9]{4,40}$/

/**
 * An inquiry's own email, name, phone and birthdate, from its `fields` (`email-address`, `name-first`,
 * `name-middle`, `name-last`, `phone-number`, `birthdate`, each `{type, value}`; their keys are never inflected: docs/vendors/persona.md §1).
 * Only `fields` is asked for (a sparse fieldset), and the body is read here and dropped.
 */
function fieldValue(fields: unknown, name: string): string | null {
  if (!fields || typeof fields !== 'object') return null
  const field = (fields as Record<string, unknown>)[name]
  const value = field && typeof field === 'object' ? (field as { value?: unknown }).value : undefined
  return typeof value === 'string' && value.trim() ? value : null
}

/**
 * The inquiry's account (`relationships.account.data`, an `act_` ID; a sparse fieldset keeps the
 * relationships), or null where it has none (`data` null or `{}`): its inquiries are one person's.
 */
function accountOf(inquiry: PersonaInquiry): string | null {
  const ref = inquiry.relationships?.account?.data
  if (!ref || Array.isArray(ref) || !('id' in ref) || ref.id == null) return null
  if (typeof ref.id === 'string' && ACCOUNT_ID.test(ref.id)) return ref.id
  throw new ApiError('upstream-invalid', 'Persona answered an inquiry whose account is not an account ID.', { provider: 'persona' })
}

export const personaRequester: VendorRequester = {
  kinds: ['persona-inquiry'],
  async read(t, item, countRecord): Promise<RequesterValues> {
    const inquiry = await t.get<PersonaSingle<PersonaInquiry>>({
      provider: 'persona',
      path: `inquiries/${item.id}`,
      query: canonicalQuery({ 'fields[inquiry]': 'fields' }),
      headers: PERSONA_SUMMARY_HEADERS,
    })
    // Every inquiry of an account (each retry, each new link) holds the one person: its checks are counted
    // as the account's, before any compare. An inquiry without an account is its own record.
    const account = accountOf(inquiry.data)
    if (account) await countRecord(account)
    const fields = inquiry.data.attributes.fields
    return {
      email: fieldValue(fields, 'email-address'),
      name: { first: fieldValue(fields, 'name-first'), middle: fieldValue(fields, 'name-middle'), last: fieldValue(fields, 'name-last') },
      phone: fieldValue(fields, 'phone-number'),
      birthdate: fieldValue(fields, 'birthdate'),
    }
  },
}
