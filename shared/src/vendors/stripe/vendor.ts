import type { VendorDescriptor } from '../vendor.ts'
import { stripeIds } from './ids.ts'
import { replies } from './replies.ts'

/** Everything shared/ knows of stripe: its IDs, their labels and examples, its replies and actions. */
export const stripe = {
  ids: stripeIds,
  labels: {
    'stripe-verification-session': 'Stripe verification session',
    'stripe-verification-report': 'Stripe verification report',
  },
  examples: {
    'stripe-verification-session': [
      'vs_1Pgc76B7WZ01zgkWBdQi8PTU', // Stripe's fixture, 24
      'vs_1NuNAILkdIwHu7ixh7OtGMLw', // Stripe's list example, 24
      'vs_1Pgc76B7WZ01zgkW1uXbT3Y9', // a report's verification_session in Stripe's fixture
    ],
    'stripe-verification-report': [
      'vr_QXhW13B2hsHOm43JtUgs0f0w', // a session's last_verification_report in Stripe's fixture
      'vr_1Pgc76B7WZ01zgkWq9Rp33Dj', // Stripe's report fixture
    ],
  },
  replies,
  actions: [],
  actionKinds: [],
} as const satisfies VendorDescriptor<typeof stripeIds>
