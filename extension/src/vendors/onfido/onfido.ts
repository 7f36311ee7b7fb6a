import type { Vendor } from '../vendor.ts'
import { ONFIDO_ACTIONS } from './onfido-actions.ts'
import { onfidoChecks, onfidoReports, onfidoRuns } from './onfido-lists.ts'
import { ONFIDO_EVENTS } from './onfido-events.ts'

/** Onfido: workflow runs (UUIDs, as deepidv's sessions: the relay's lookup tells them apart), looked up, carded, listed and shown. */
export const onfido: Vendor = {
  name: 'onfido',
  label: 'Onfido',
  lists: [onfidoRuns, onfidoChecks, onfidoReports],
  records: {
    'onfido-workflow-run': {
      call: (id) => (c, o) => c.v1.onfido.workflow_runs[':id'].$get({ param: { id } }, o),
      // Its applicant's email, name, phone and birthdate: the relay compares them.
      person: true,
      facts: (d) =>
        d.kind === 'onfido-workflow-run'
          ? {
              reference: { label: 'fieldApplicant', value: d.applicantId, testId: 'applicant' },
              about: { label: 'onfido_field_tags', value: d.tags.join(', '), testId: 'onfido-tags' },
            }
          : {},
      // The customer's attempts at every vendor go by the run's customer reference; else its applicant's runs.
      reference: (d) => (d.kind === 'onfido-workflow-run' ? (d.referenceId ?? d.applicantId) : null),
    },
  },
  probe: (c, o) => c.v1.onfido.workflow_runs.$get({ query: { page: '1' } }, o),
  events: ONFIDO_EVENTS,
  actions: ONFIDO_ACTIONS,
}
