import type { VendorDescriptor } from '../vendor.ts'
import { onfidoIds } from './ids.ts'
import { replies } from './replies.ts'

/** Everything shared/ knows of onfido: its IDs, their labels and examples, its replies and actions. */
export const onfido = {
  ids: onfidoIds,
  labels: {
    'onfido-workflow-run': 'Onfido workflow run',
  },
  examples: {
    'onfido-workflow-run': [
      'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46', // the demo story's declined run
      '0C6B3F5E-9A1D-4E2B-8F7C-6D5E4A3B2C1D', // uppercase
    ],
  },
  replies,
  actions: [{ name: 'onfido-link', role: 'actor' }],
  actionKinds: ['new-link'],
} as const satisfies VendorDescriptor<typeof onfidoIds>
