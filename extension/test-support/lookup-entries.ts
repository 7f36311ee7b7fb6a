import type { LookupFound } from '@idv-lens/shared/api'

/** A Persona inquiry as the relay's lookup finds it: nothing but its ID and status, `rest` on top. */
export function foundInquiry(id: string, status: string, rest: Partial<LookupFound> = {}): LookupFound {
  return {
    found: true,
    id,
    kind: 'persona-inquiry',
    provider: 'persona',
    type: 'inquiry',
    status,
    createdAt: null,
    updatedAt: null,
    dashboardUrl: 'https://app.withpersona.com/dashboard/inquiries/' + id,
    reason: null,
    case: null,
    details: {
      kind: 'persona-inquiry',
      referenceId: null,
      completedAt: null,
      latestSessionId: null,
      threatLevel: null,
      countryCode: null,
      countryName: null,
    },
    ...rest,
  }
}
