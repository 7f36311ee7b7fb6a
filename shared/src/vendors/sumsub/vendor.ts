import type { VendorDescriptor } from '../vendor.ts'
import { sumsubIds } from './ids.ts'
import { replies } from './replies.ts'

/** Everything shared/ knows of Sumsub: its applicant IDs, their label and examples, its replies and new link. */
export const sumsub = {
  ids: sumsubIds,
  labels: { 'sumsub-applicant': 'Sumsub applicant' },
  examples: {
    'sumsub-applicant': [
      '5b76df770a975a1404cbcb60', // Sumsub's documentation
      '65A1F0C2E4B0A1B2C3D4E504', // the demo story's RETRY, upper case
    ],
  },
  replies,
  actions: [{ name: 'sumsub-link', role: 'actor' }],
  actionKinds: ['new-link'],
} as const satisfies VendorDescriptor<typeof sumsubIds>
