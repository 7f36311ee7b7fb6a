import type { DeepidvSessionList, DeepidvSessionRecord } from '@idv-lens/shared/api'
import { vendorWord } from '../../kit/words.ts'
import type { Vendor, VendorList } from '../vendor.ts'
import { DEEPIDV_EVENTS } from './deepidv-events.ts'

/** deepidv takes `limit`/`next_token`; its token is opaque. */
export function deepidvPageQuery(size: number, cursor: string | null): Record<string, string> {
  return cursor ? { limit: String(size), next_token: cursor } : { limit: String(size) }
}

// deepidv lists only the sessions the API key's own user created unless asked for the whole
// organization; an agent looking for a customer's session needs all of them.
const defaultFilters = { by_organization: 'true' }

const sessions: VendorList<DeepidvSessionList, DeepidvSessionRecord> = {
  key: 'deepidv',
  tab: 'tabDeepidv',
  call: (query) => (c, o) => c.v1.deepidv.sessions.$get({ query }, o),
  page: (d) => ({ items: d.sessions, cursor: d.next_token || null }),
  pageQuery: deepidvPageQuery,
  defaultFilters,
}

/** deepidv: sessions (UUIDs), looked up and listed. */
export const deepidv: Vendor = {
  name: 'deepidv',
  label: 'deepidv',
  lists: [sessions],
  records: {
    'deepidv-session': {
      call: (id) => (c, o) => c.v1.deepidv.sessions[':id'].$get({ param: { id }, query: {} }, o),
      person: true,
      facts: (d) =>
        d.kind !== 'deepidv-session'
          ? {}
          : {
              externalId: { label: 'fieldExternalId', value: d.externalId },
              progress: { label: 'fieldProgress', value: d.sessionProgress && vendorWord(d.sessionProgress) },
              country: { label: 'fieldCountry', value: d.country, testId: 'country' },
            },
      reference: (d) => (d.kind === 'deepidv-session' ? d.externalId : null),
    },
  },
  probe: (c, o) => c.v1.deepidv.sessions.$get({ query: { limit: '1' } }, o),
  events: DEEPIDV_EVENTS,
}
