import type { IdKind } from './patterns.ts'

/**
 * Real-looking IDs of each kind that MUST match it and no other: `patterns.test.ts` runs the
 * cross-matrix (every kind accepts its own examples and rejects everyone else's). Kept apart from
 * ID_PATTERNS, which the content script bundles: test data has no place in every page's script.
 * Sources as in patterns.ts.
 */
export const ID_EXAMPLES: Record<IdKind, readonly string[]> = {
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
  'deepidv-session': [
    'a1b2c3d4-e5f6-7890-abcd-ef1234567890', // documented example
    'e7b8d4d3-18bc-4142-99e9-31e3eaecc18c', // v4, as crypto.randomUUID() makes them
    '3F2504E0-4F89-41D3-9A0C-0305E82C3301', // uppercase, as some tools print them
  ],
  'stripe-verification-session': [
    'vs_1Pgc76B7WZ01zgkWBdQi8PTU', // Stripe's fixture, 24
    'vs_1NuNAILkdIwHu7ixh7OtGMLw', // Stripe's list example, 24
    'vs_1Pgc76B7WZ01zgkW1uXbT3Y9', // a report's verification_session in Stripe's fixture
  ],
  'stripe-verification-report': [
    'vr_QXhW13B2hsHOm43JtUgs0f0w', // a session's last_verification_report in Stripe's fixture
    'vr_1Pgc76B7WZ01zgkWq9Rp33Dj', // Stripe's report fixture
  ],
  // A UUID has every UUID kind's shape: patterns.test.ts lets UUID kinds accept each other's examples.
  'onfido-workflow-run': [
    'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46', // the demo story's declined run
    '0C6B3F5E-9A1D-4E2B-8F7C-6D5E4A3B2C1D', // uppercase
  ],
}
