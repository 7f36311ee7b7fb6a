/** How a relay reaches the demo's Stripe Identity (access.ts): any test-mode key (stripe-app.ts). */
export const stripeAccess = {
  path: '/stripe/v1/identity',
  key: 'sk_test_demo_local',
  scopedKey: (scope: string) => `sk_test_demo${scope}`,
  webhookSecret: 'whsec_demo_stripe_local',
}
