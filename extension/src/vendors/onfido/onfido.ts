import type { Vendor } from '../vendor.ts'

/** Onfido: workflow runs (UUIDs). Lists and records come with its folder's views. */
export const onfido: Vendor = {
  name: 'onfido',
  label: 'Onfido',
  lists: [],
  records: {},
  probe: (c, o) => c.v1.onfido.workflow_runs.$get({ query: { page: '1' } }, o),
}
