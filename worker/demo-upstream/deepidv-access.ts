/** How a relay reaches the demo's deepidv (access.ts): any `deepidv_demo_` key (deepidv-app.ts). */
export const deepidvAccess = {
  path: '/deepidv/v1',
  key: 'deepidv_demo_local',
  scopedKey: (scope: string) => `deepidv_demo_${scope}`,
  webhookSecret: 'whsec_demo_deepidv_local',
}
