import type { VendorName } from '@idv-lens/shared/api'
import type { RelayConfig } from './relay-config.ts'
import { ApiError } from '../errors.ts'
import { describeProblems, type ConfigProblem } from './problems.ts'

export function misconfigured(problems: readonly ConfigProblem[], provider?: VendorName): ApiError {
  return new ApiError(
    'misconfigured',
    `The relay's configuration needs an administrator: ${describeProblems(problems)}. /healthz lists every problem.`,
    provider ? { provider } : {},
  )
}

/** A vendor whose base URL is unsafe is never called: its routes answer 503 instead. */
export function providerMisconfigured(config: RelayConfig, provider: VendorName): ApiError | null {
  const problems = config.problems.filter((p) => p.affects === provider)
  return problems.length ? misconfigured(problems, provider) : null
}
