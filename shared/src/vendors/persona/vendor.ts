import type { VendorDescriptor } from '../vendor.ts'
import { personaIds } from './ids.ts'
import { replies } from './replies.ts'

/** Everything shared/ knows of persona: its IDs, their labels and examples, its replies and actions. */
export const persona = {
  ids: personaIds,
  labels: {
    'persona-inquiry': 'Persona inquiry',
    'persona-inquiry-session': 'Persona inquiry session',
    'persona-event': 'Persona event',
  },
  examples: {
    'persona-inquiry': [
      'inq_zEx4jL84ShbUyuwX6AzPSqt6', // documented example, 24 (before 2024-01-29)
      'inq_ByBdXDqUrguLAHjGZMuDZLCx', // pagination example, 24
      'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e', // 28 (since 2024-01-29)
      'inq_SbLSNtxKJH8UhtAccXKc8SsT5tpu', // 28
      'inq_Ab0OIl9xYz8Wv7Ut6Sr5Qp4N', // 24, spec style: 0 O I l are not base58 but must pass
    ],
    'persona-inquiry-session': [
      'iqse_T8PrqpoEhwhUV1wHReuU9ofs', // documented example, 24
      'iqse_N4mXQcrikpbTs1phBetkbU6K', // 24
      'iqse_im4jXZuq47JCBBJyWPEhxmzpd98z', // 28 [INF], see patterns.ts
    ],
    'persona-event': [
      'evt_o9byQRbjygu76Jbtea9wuJ1boP7a', // documented example, 28 [SPEC]
      'evt_hNt1KqZ3vXcW8pR2mYd5Lb7gTfAs', // made up in the documented example's shape, 28 [INF]
      'evt_JdpHJWMtuXEpsvDTrbNdRmBj', // 24, the length of most Persona objects
    ],
  },
  replies,
  actions: [
    { name: 'one-time-link', role: 'actor' },
    { name: 'tags', role: 'actor' },
    { name: 'case-assign', role: 'actor' },
    { name: 'case-status', role: 'actor' },
    { name: 'flagged-escalation', role: 'actor' },
    // The decisions on an inquiry: a reviewer's, never an actor's.
    { name: 'inquiry-approve', role: 'reviewer' },
    { name: 'inquiry-decline', role: 'reviewer' },
    { name: 'inquiry-review', role: 'reviewer' },
  ],
  actionKinds: [
    'generate-one-time-link',
    'add-tag',
    'remove-tag',
    'assign',
    'set-status',
    'escalate',
    'approve',
    'decline',
    'mark-for-review',
  ],
} as const satisfies VendorDescriptor<typeof personaIds>
