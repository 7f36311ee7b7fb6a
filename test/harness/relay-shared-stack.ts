import type { TestProject } from 'vitest/node'
import { provideSharedStack, providedStack, tokenOf, type SharedStackAddress } from './shared-stack.ts'

/**
 * The relay test files (and each one's roles) on the relay project's one default stack, each file an
 * agent of its own: it reads demo data no file changes, and counts only its own agent's audit rows or
 * vendor calls (and sets faults) for IDs no other file asks for. A file that restarts the relay or the
 * upstream, changes the demo data, sets a fault for more, counts the vendor's calls in total or needs
 * other settings starts its own (a relay of other settings beside this one is a test's own).
 */
export const RELAY_SHARED_AGENTS = {
  'mcp-audit': 'admin',
  'mcp-audit-ai': 'ai',
  mcp: '',
  'mcp-ai': 'ai',
  'mcp-oauth': 'admin',
  'mcp-oauth-agent': '',
  'mcp-oauth-ai': 'ai',
  'mcp-sumsub': 'ai',
  relay: 'admin',
  'requester-probe': 'admin',
  'requester-probe-ai': 'ai',
} as const
export type RelaySharedAgent = keyof typeof RELAY_SHARED_AGENTS

/** The relay project's shared stack and the token of the file's own agent, named `agent` in the audit. */
export const relaySharedStack = (agent: RelaySharedAgent): { stack: SharedStackAddress; agentToken: string } => providedStack(agent)

/** Vitest global setup of the relay project: its shared stack, started once and stopped after the last file. */
export default async function setup(project: TestProject) {
  const agents = Object.entries(RELAY_SHARED_AGENTS).map(([agent, roles]) => [agent, tokenOf(agent), roles].filter(Boolean).join(':'))
  return provideSharedStack(project, agents)
}
