import type { VendorDescriptor } from '../vendor.ts'
import { deepidvIds } from './ids.ts'
import { replies } from './replies.ts'

/** Everything shared/ knows of deepidv: its IDs, their labels and examples, its replies and actions. */
export const deepidv = {
  ids: deepidvIds,
  labels: {
    'deepidv-session': 'deepidv session',
  },
  examples: {
    'deepidv-session': [
      'a1b2c3d4-e5f6-7890-abcd-ef1234567890', // documented example
      'e7b8d4d3-18bc-4142-99e9-31e3eaecc18c', // v4, as crypto.randomUUID() makes them
      '3F2504E0-4F89-41D3-9A0C-0305E82C3301', // uppercase, as some tools print them
    ],
  },
  replies,
  actions: [],
  actionKinds: [],
} as const satisfies VendorDescriptor<typeof deepidvIds>
