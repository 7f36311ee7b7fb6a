import type { RelayConfig } from '../config/relay-config.ts'
import { agentDirectory, type Agent } from '../config/agent-tokens.ts'
import type { ConfigProblem } from '../config/problems.ts'

type Directory = { byHash: Map<string, Agent>; problems: ConfigProblem[] }

// Plain tokens are hashed once per configuration (per isolate), not per request.
const directories = new WeakMap<RelayConfig, Promise<Directory>>()

export function agentDirectoryFor(config: RelayConfig): Promise<Directory> {
  let directory = directories.get(config)
  if (!directory) {
    directory = agentDirectory(config.agentEntries)
    directories.set(config, directory)
  }
  return directory
}

/** Every AGENT_TOKENS problem: the malformed and same-name entries, and entries sharing a token. */
export async function agentProblems(config: RelayConfig): Promise<ConfigProblem[]> {
  return [...config.problems.filter((p) => p.affects === 'agents'), ...(await agentDirectoryFor(config)).problems]
}
