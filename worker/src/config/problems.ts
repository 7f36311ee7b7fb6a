import type { VendorName } from '@idv-lens/shared/api'

/**
 * A configuration mistake found when the configuration is read. The relay still starts: `/healthz`
 * lists these, and only the routes that need the broken part answer a 503 `misconfigured` problem.
 * `message` names the variable and what is wrong with it, never its value (some are secrets).
 */
export type ConfigProblem = {
  variable: string
  message: string
  /** What cannot work: one vendor's routes, agent authentication, the agent actions, or every /v1 route. */
  affects: VendorName | 'agents' | 'actions' | 'relay'
}

export const describeProblems = (problems: readonly ConfigProblem[]): string => problems.map((p) => `${p.variable} ${p.message}`).join('; ')
