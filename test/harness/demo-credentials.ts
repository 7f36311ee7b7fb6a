/* Apart from stack.ts, so a script that needs only these (npm run mcp:demo) loads no harness. */
import { DEMO_ACCESS } from '../../worker/demo-upstream/access.ts'

type DemoVendor = keyof typeof DEMO_ACCESS
const eachVendor = <T>(of: (access: (typeof DEMO_ACCESS)[DemoVendor]) => T) =>
  Object.fromEntries(Object.entries(DEMO_ACCESS).map(([name, access]) => [name, of(access)])) as Record<DemoVendor, T>
const keys = eachVendor((access) => access.key)

/** Demo credentials: they only open the local demo upstream. Not secrets. */
export const DEMO = {
  /** Each vendor's demo key, by name, as its files in the demo upstream give it (worker/demo-upstream/access.ts). */
  keys,
  /** The secret each demo vendor signs its webhooks with, by name (null: it sends none). */
  webhookSecrets: eachVendor((access) => access.webhookSecret),
  /** One vendor's key, for browser tests that read that vendor's demo directly (use `keys` elsewhere). */
  personaKey: keys.persona,
  stripeKey: keys.stripe,
  onfidoToken: keys.onfido,
  agentName: 'demo-agent',
  /** `npm run dev`'s agent: an email, so "Assign to me" names the agent's Persona user. */
  devAgentName: 'demo.agent@example.com',
  agentToken: 'idvl_demo_agent_token_local_only_0001',
  /** A helpdesk AI client (role `ai`): it calls /mcp only. */
  aiName: 'demo-ai',
  aiToken: 'idvl_demo_ai_token_local_only_00001',
  /** The development build's fixed ID (manifest key in extension/wxt.config.ts). */
  extensionOrigin: 'chrome-extension://icljgiklpkchbldfjiplcpfkfmimljeo',
} as const
