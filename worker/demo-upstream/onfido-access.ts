/** How a relay reaches the demo's Onfido (access.ts): any API token (onfido-app.ts). */
export const onfidoAccess = {
  path: '/onfido/v3.6',
  key: 'onfido_demo_local',
  scopedKey: (scope: string) => `onfido_demo_${scope}`,
  webhookSecret: 'onfido_webhook_demo_local',
}
