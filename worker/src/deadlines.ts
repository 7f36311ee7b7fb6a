import { INTERACTIVE_WAIT_MS } from './gate/limits.ts'

/** The whole request's backstop: the upstream call has its own timeout; this bounds everything around it. */
export const requestBackstopMs = (timeoutMs: number) => timeoutMs * 2 + 1000

/** What a lookup batch keeps to build its answer after its deadline, before the backstop would fire. */
const LOOKUP_ANSWER_MARGIN_MS = 500

/**
 * When a `/v1/lookup` batch stops starting vendor calls and stops waiting for those it started: one
 * vendor timeout plus the 2 s an agent's call may wait for budget, but always before the request's
 * backstop, so a slow batch still answers 200 with per-ID entries rather than a 504 for all of them.
 */
export const lookupDeadlineMs = (timeoutMs: number) =>
  Math.min(timeoutMs + INTERACTIVE_WAIT_MS, requestBackstopMs(timeoutMs) - LOOKUP_ANSWER_MARGIN_MS)
