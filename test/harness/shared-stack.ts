import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { inject } from 'vitest'
import type { TestProject } from 'vitest/node'
import { selectAudit } from './audit-db.ts'
import { groupCpuSeconds } from './orphan-cpu.ts'
import { DEMO, startStack, type Stack, type StackAddress } from './stack.ts'

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
  'invisible-ids',
  'layout-shift',
  'local-times',
  'named-errors',
  'onfido',
  'page-probe',
  'page-theme',
  'popup-first-paint',
  'reference-search',
  'reply-choice',
  'stripe-card',
  'stripe-panel',
  'ticket-customer',
  'ticket-customer-workspaces',
  'watch-card',
  'why-it-ended',
  'workspaces',
  'workspaces-firefox',
] as const
export type SharedAgent = (typeof SHARED_AGENTS)[number]

/** Where the shared stack answers, and its audit (read from its SQLite file): a file counts its own agent's rows there. */
export type SharedStackAddress = StackAddress & {
  relay: { stateDir: string; queryAudit<Row>(sql: string): Promise<Row[]> }
}
type ProvidedStack = StackAddress & { relay: { stateDir: string; outputFile: string } }

declare module 'vitest' {
  export interface ProvidedContext {
    sharedStack: ProvidedStack
  }
}

/** The token of a shared stack's agent `agent` (its name in AGENT_TOKENS and the audit's `agent`). */
export const tokenOf = (agent: string) => `idvl_${agent.replaceAll('-', '_')}_agent_token_local_only_0001`

/**
 * The run's default stack (started by the global setup below) and the token of the file's own agent,
 * whose name (the audit's `agent`) is `agent`.
 */
export function sharedStack(agent: SharedAgent): { stack: SharedStackAddress; agentToken: string } {
  return providedStack(agent)
}

/** The stack this project's global setup provided, and the token of its agent `agent`. */
export function providedStack(agent: string): { stack: SharedStackAddress; agentToken: string } {
  const provided = inject('sharedStack')
  const queryAudit = async <Row>(sql: string) => selectAudit<Row>(provided.relay.stateDir, sql)
  return { stack: { ...provided, relay: { ...provided.relay, queryAudit } }, agentToken: tokenOf(agent) }
}

/** What the shared stack's relay has printed so far. */
export const sharedRelayOutput = (): string => readFileSync(inject('sharedStack').relay.outputFile, 'utf8')

/**
 * Vitest global setup: demo upstream and relay, started once for the run (after the audit template,
 * which its relay starts from) and stopped after the last file.
 */
export default async function setup(project: TestProject) {
  return provideSharedStack(
    project,
    SHARED_AGENTS.map((agent) => `${agent}:${tokenOf(agent)}`),
  )
}

/** Starts a default stack whose AGENT_TOKENS are the demo admin's and `agents`, provides it to `project`, and returns its teardown. */
export async function provideSharedStack(project: TestProject, agents: string[]): Promise<() => Promise<void>> {
  const stack = await startStack({ agentTokens: [`${DEMO.agentName}:${DEMO.agentToken}:admin`, ...agents].join(',') })
  project.provide('sharedStack', {
    upstream: { url: stack.upstream.url, personaBase: stack.upstream.personaBase, deepidvBase: stack.upstream.deepidvBase },
    relay: { url: stack.relay.url, stateDir: stack.relay.stateDir, outputFile: teeOutput(stack) },
  })
  return async () => {
    recordStackCpu('(shared stack)', stack)
    await stack.stop()
  }
}

/** The file where the relay's output (what it printed, and prints from now on) is kept for the test files to read. */
function teeOutput(stack: Stack): string {
  const file = join(stack.relay.stateDir, 'relay-output.log')
  writeFileSync(file, stack.relay.process.output())
  const { stdout, stderr } = stack.relay.process.child
  for (const stream of [stdout, stderr]) stream?.on('data', (chunk: Buffer) => appendFileSync(file, chunk))
  return file
}

/** With FILE_CPU set (file-cpu.ts), a row with the CPU seconds a shared stack's processes used. */
function recordStackCpu(name: string, stack: Stack): void {
  const out = process.env.FILE_CPU
  if (!out) return
  const pgids = [stack.relay.process.child.pid, stack.upstream.process.child.pid]
  const cpu = pgids.reduce((sum: number, pgid) => sum + (pgid === undefined ? 0 : groupCpuSeconds(pgid, { leader: true })), 0)
  appendFileSync(out, `${JSON.stringify({ file: name, cpu: +cpu.toFixed(2) })}\n`)
}
