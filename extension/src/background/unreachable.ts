import type { RelayFailure } from '../lib/messages.ts'

export type ProbeDeps = {
  fetch: typeof fetch
  /** This extension's origin (chrome-extension://<id>), for the ALLOWED_ORIGINS hint. */
  origin: string
  /** Firefox: the relay is reached through its host permission, not ALLOWED_ORIGINS (lib/relay-access.ts). */
  hostPermission?: boolean
}

/**
 * A fetch that failed before any answer looks the same whether the relay is down or refused our
 * origin (CORS hides the answer). A `no-cors` probe tells them apart: it only resolves when
 * something answered, so the relay is up and the origin is what is missing from ALLOWED_ORIGINS.
 * Returns the diagnosis, and whether something answered at the relay's address (the relay is up).
 */
export async function diagnose(baseUrl: string, err: unknown, deps: ProbeDeps): Promise<{ failure: RelayFailure; answered: boolean }> {
  if (err instanceof DOMException && err.name === 'TimeoutError') {
    return { failure: { kind: 'unreachable', reason: { code: 'timeout', relay: baseUrl } }, answered: false }
  }
  let answered = false
  try {
    await deps.fetch(`${baseUrl}/healthz`, { mode: 'no-cors', signal: AbortSignal.timeout(5000) })
    answered = true
  } catch {
    answered = false
  }
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
