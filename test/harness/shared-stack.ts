import { inject } from 'vitest'
import type { TestProject } from 'vitest/node'
import { DEMO, startStack, type StackAddress } from './stack.ts'

/**
 * The test files that use the run's one default stack, each as an agent of its own: every agent has
 * its own share of the team's vendor budget, so two files running at once never spend each other's.
 * A file that changes the demo data, counts the vendor's calls, restarts the relay, needs other
 * settings or shows lists fresh from the vendor (the store screenshots) starts a stack of its own.
 */
export const SHARED_AGENTS = [
  'card-uniform',
  'copy-check',
  'copy-isolation',
  'firefox',
  'hostile-styles',
  'i18n',
  'inline-lookups',
  'layout-shift',
  'local-times',
  'named-errors',
  'onfido',
  'page-theme',
  'reference-search',
  'reply-choice',
  'stripe-card',
  'stripe-panel',
  'watch-card',
  'why-it-ended',
  'workspaces',
  'workspaces-firefox',
] as const
export type SharedAgent = (typeof SHARED_AGENTS)[number]

declare module 'vitest' {
  export interface ProvidedContext {
    sharedStack: StackAddress
  }
}

const tokenOf = (agent: SharedAgent) => `idvl_${agent.replaceAll('-', '_')}_agent_token_local_only_0001`

/** The run's default stack (started by the global setup below) and the token of the file's own agent. */
export function sharedStack(agent: SharedAgent): { stack: StackAddress; agentToken: string } {
  return { stack: inject('sharedStack'), agentToken: tokenOf(agent) }
}

/**
 * Vitest global setup: demo upstream and relay, started once for the run (after the audit template,
 * which its relay starts from) and stopped after the last file.
 */
export default async function setup(project: TestProject) {
  const agents = SHARED_AGENTS.map((agent) => `${agent}:${tokenOf(agent)}`)
  const stack = await startStack({ agentTokens: [`${DEMO.agentName}:${DEMO.agentToken}:admin`, ...agents].join(',') })
  project.provide('sharedStack', {
    upstream: { url: stack.upstream.url, personaBase: stack.upstream.personaBase, deepidvBase: stack.upstream.deepidvBase },
    relay: { url: stack.relay.url },
  })
  return () => stack.stop()
}
