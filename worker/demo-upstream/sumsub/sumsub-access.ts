/**
 * How a relay reaches the demo's Sumsub (../access.ts): its app token, or the token with `-<scope>`
 * after it, and its secret key (SUMSUB_DEMO_KEYS in sumsub-app.ts).
 */
export const sumsubAccess = {
  path: '/sumsub',
  key: 'sbx:idv-lens-demo-token',
  scopedKey: (scope: string) => `sbx:idv-lens-demo-token-${scope}`,
  signingKey: 'idv-lens-demo-sumsub-secret',
  webhookSecret: 'idv-lens-demo-sumsub-webhook-secret',
}
