import type { RelayFailure } from '../lib/messages.ts'

export type ProbeDeps = {
  fetch: typeof fetch
  /** This extension's origin (chrome-extension://<id>), for the ALLOWED_ORIGINS hint. */
  origin: string
  /** Firefox: the relay is reached through its host permission, not ALLOWED_ORIGINS (lib/relay-access.ts). */
  hostPermission?: boolean
}

const PROBE_MS = 5000

/** Whether a body is the relay's /healthz: its status and its providers (worker/src/routes/health.ts). */
export function isRelayHealth(body: unknown): boolean {
  const health = body as { status?: unknown; providers?: unknown } | null
  return typeof health?.status === 'string' && typeof health.providers === 'object' && health.providers !== null
}

/** What answers at `base`: the relay (its /healthz, which every origin may read), something else, or nothing. */
async function whatAnswers(base: string, fetchImpl: typeof fetch): Promise<'relay' | 'other' | 'nothing'> {
  try {
    const res = await fetchImpl(`${base}/healthz`, { credentials: 'omit', signal: AbortSignal.timeout(PROBE_MS) })
    return isRelayHealth(await res.json()) ? 'relay' : 'other'
  } catch {
    // No readable answer: a `no-cors` probe resolves whenever something answered at all.
  }
  try {
    await fetchImpl(`${base}/healthz`, { mode: 'no-cors', signal: AbortSignal.timeout(PROBE_MS) })
    return 'other'
  } catch {
    return 'nothing'
  }
}

/**
 * A fetch that failed before any answer looks the same whether the relay is down, refused our
 * origin (CORS hides the answer), or the URL is some other server. The relay lets every origin read
 * its /healthz, so: that read works, the relay is up and our origin (or Firefox's host permission)
 * is what is missing; only a `no-cors` probe resolves, something that is not the relay answered;
 * neither, nothing answered. Returns the diagnosis, and whether something answered at the address.
 */
export async function diagnose(baseUrl: string, err: unknown, deps: ProbeDeps): Promise<{ failure: RelayFailure; answered: boolean }> {
  if (err instanceof DOMException && err.name === 'TimeoutError') {
    return { failure: { kind: 'unreachable', reason: { code: 'timeout', relay: baseUrl } }, answered: false }
  }
  const answer = await whatAnswers(baseUrl, deps.fetch)
  const answered = answer !== 'nothing'
  if (answer === 'other') return { failure: { kind: 'unreachable', reason: { code: 'foreign-server', relay: baseUrl } }, answered }
  if (deps.hostPermission) {
    const code = answered ? 'host-permission-missing' : 'cannot-reach-relay'
    return { failure: { kind: 'unreachable', reason: { code, relay: baseUrl } }, answered }
  }
  if (answered) {
    return {
      failure: { kind: 'unreachable', reason: { code: 'origin-not-allowed', relay: baseUrl, origin: deps.origin } },
      answered,
    }
  }
  return {
    failure: { kind: 'unreachable', reason: { code: 'cannot-reach', relay: baseUrl } },
    answered,
  }
}
