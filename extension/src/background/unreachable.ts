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
 */
export async function diagnoseUnreachable(baseUrl: string, err: unknown, deps: ProbeDeps): Promise<RelayFailure> {
  return (await diagnose(baseUrl, err, deps)).failure
}

/** The diagnosis, and whether something answered at the relay's address (the relay is up). */
export async function diagnose(baseUrl: string, err: unknown, deps: ProbeDeps): Promise<{ failure: RelayFailure; answered: boolean }> {
  if (err instanceof DOMException && err.name === 'TimeoutError') {
    return { failure: { kind: 'unreachable', message: `The relay at ${baseUrl} did not answer in time.` }, answered: false }
  }
  let answered = false
  try {
    await deps.fetch(`${baseUrl}/healthz`, { mode: 'no-cors', signal: AbortSignal.timeout(5000) })
    answered = true
  } catch {
    answered = false
  }
  if (answered && deps.hostPermission) {
    return {
      failure: {
        kind: 'unreachable',
        message: `The relay at ${baseUrl} answered, but Firefox keeps its answers from IDV Lens until you allow it: open the settings, press Test connection and choose Allow.`,
      },
      answered,
    }
  }
  if (deps.hostPermission) {
    return { failure: { kind: 'unreachable', message: `Cannot reach the relay at ${baseUrl}. Check the relay URL and your network connection.` }, answered }
  }
  if (answered) {
    return {
      failure: {
        kind: 'unreachable',
        message: `The relay at ${baseUrl} answered but does not allow this extension. Add ${deps.origin} to the relay's ALLOWED_ORIGINS.`,
      },
      answered,
    }
  }
  return {
    failure: {
      kind: 'unreachable',
      message: `Cannot reach the relay at ${baseUrl}. Check the relay URL and your network connection; if the relay is up, ask your administrator to add ${deps.origin} to its ALLOWED_ORIGINS.`,
    },
    answered,
  }
}
