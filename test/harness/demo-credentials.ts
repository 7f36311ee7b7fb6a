/* Apart from stack.ts, so a script that needs only these (npm run mcp:demo) loads no harness. */

/** Demo credentials: they only open the local demo upstream. Not secrets. */
export const DEMO = {
  personaKey: 'persona_demo_local',
  deepidvKey: 'deepidv_demo_local',
  /** A test-mode key: the demo's Stripe takes any `sk_test_`/`rk_test_` key. */
  stripeKey: 'sk_test_demo_local',
  onfidoToken: 'onfido_demo_local',
  /** The demo's Sumsub app token and secret key (worker/demo-upstream/sumsub/sumsub-app.ts SUMSUB_DEMO_KEYS). */
  sumsubToken: 'sbx:idv-lens-demo-token',
  sumsubSecretKey: 'idv-lens-demo-sumsub-secret',
  agentName: 'demo-agent',
  /** `npm run dev`'s agent: an email, so "Assign to me" names the agent's Persona user. */
  devAgentName: 'demo.agent@example.com',
  agentToken: 'idvl_demo_agent_token_local_only_0001',
  /** A helpdesk AI client (role `ai`): it calls /mcp only. */
  aiName: 'demo-ai',
  aiToken: 'idvl_demo_ai_token_local_only_00001',
  /** Webhook secrets shared by the demo vendors and the local relay (live events). */
  personaWebhookSecret: 'wbhsec_demo_persona_local',
  deepidvWebhookSecret: 'whsec_demo_deepidv_local',
  stripeWebhookSecret: 'whsec_demo_stripe_local',
  onfidoWebhookToken: 'onfido_webhook_demo_local',
  /** The development build's fixed ID (manifest key in extension/wxt.config.ts). */
  extensionOrigin: 'chrome-extension://icljgiklpkchbldfjiplcpfkfmimljeo',
} as const
