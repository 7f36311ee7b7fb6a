/** How a relay reaches the demo's Persona (access.ts): any `persona_demo_` key (persona-app.ts). */
export const personaAccess = {
  path: '/persona/api/v1',
  key: 'persona_demo_local',
  scopedKey: (scope: string) => `persona_demo_${scope}`,
  webhookSecret: 'wbhsec_demo_persona_local',
}
