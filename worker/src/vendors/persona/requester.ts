import type { PersonaInquiry, PersonaSingle } from '@idv-lens/shared/api'
import type { RequesterValues, VendorRequester } from '../../kit/vendor.ts'
import { canonicalQuery } from '../../kit/query.ts'
import { PERSONA_SUMMARY_HEADERS } from './lookup.ts'

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

export const personaRequester: VendorRequester = {
  kinds: ['persona-inquiry'],
  async read(t, item): Promise<RequesterValues> {
    const inquiry = await t.get<PersonaSingle<PersonaInquiry>>({
      provider: 'persona',
      path: `inquiries/${item.id}`,
      query: canonicalQuery({ 'fields[inquiry]': 'fields' }),
      headers: PERSONA_SUMMARY_HEADERS,
    })
    const fields = inquiry.data.attributes.fields
    return {
      email: fieldValue(fields, 'email-address'),
      name: { first: fieldValue(fields, 'name-first'), middle: fieldValue(fields, 'name-middle'), last: fieldValue(fields, 'name-last') },
      phone: fieldValue(fields, 'phone-number'),
      birthdate: fieldValue(fields, 'birthdate'),
    }
  },
}
