import { VENDORS } from '../vendors/index.ts'
import type { ConnectionOutcome, ConnectionReport, RelayFailure } from '../lib/messages.ts'
import type { Settings } from '../lib/settings.ts'
import { relayBase, type Relay } from './relay-client.ts'
import { isRelayHealth } from './unreachable.ts'
import { notTheRelay } from '../lib/relay-result.ts'

/** What an authenticated answer says about the token or sign-in (anything past the auth check proves it). */
function authFrom(error: RelayFailure, signIn: boolean): Pick<ConnectionReport, 'auth' | 'outcome'> {
  switch (error.kind) {
    case 'unauthorized':
      return { auth: 'rejected', outcome: { code: signIn ? 'not-signed-in' : 'token-rejected' } }
    case 'upstream':
    case 'rate-limited':
      return { auth: 'ok', outcome: { code: 'vendor-failed', failure: error } }
    default:
      return { auth: 'error', outcome: { code: 'auth-call-failed', failure: error } }
  }
}

/**
 * "Test connection": first `/healthz` (no token: is the relay there, does it allow our origin),
 * then one authenticated list call of one item (is the token accepted, does the vendor answer).
 * Uses the values in the form, not the saved settings, so the agent can test before saving.
 */
export async function testConnection(relay: Relay, input: Settings): Promise<ConnectionReport> {
  const settings = { workerUrl: input.workerUrl, agentToken: input.agentToken.trim() || 'none' }
  const target = relayBase(settings)
  if ('problem' in target)
    return {
      relay: 'error',
      auth: 'skipped',
      outcome: { code: 'relay-failed', failure: { kind: 'not-configured', reason: target.problem } },
    }

  const health = await relay.call(settings, true, (c, o) => c.healthz.$get(undefined, o))
  if (!health.ok) {
    const relayState = health.error.kind === 'unreachable' && !notTheRelay(health.error) ? 'unreachable' : 'error'
    return { relay: relayState, auth: 'skipped', outcome: { code: 'relay-failed', failure: health.error } }
  }
  // JSON, but not the relay's /healthz: another server (or API) at this URL.
  if (!isRelayHealth(health.data)) {
    return {
      relay: 'error',
      auth: 'skipped',
      outcome: { code: 'relay-failed', failure: { kind: 'unreachable', reason: { code: 'foreign-server', relay: target.base } } },
    }
  }
  const providers = Object.fromEntries(Object.values(VENDORS).map((v) => [v.name, health.data.providers[v.name]?.configured === true]))
  const authMode = health.data.auth?.mode === 'access' ? 'access' : 'tokens'
  // In access mode the probe goes with the browser's Access cookie (relay-client.ts); a token left
  // from tokens mode is not sent: Access would refuse it, and the agent cannot see that field there.
  const signIn = authMode === 'access'
  if (!input.agentToken.trim() && !signIn) {
    return { relay: 'ok', auth: 'skipped', providers, authMode, outcome: { code: 'enter-token' } }
  }
  const probeSettings = signIn ? { workerUrl: input.workerUrl, agentToken: '' } : settings

  // One item of the first vendor the relay serves (vendors/index.ts order); a provider that is not
  // configured still answers after the auth check (503), so with none the first vendor is asked.
  const vendor = Object.values(VENDORS).find((v) => providers[v.name]) ?? Object.values(VENDORS)[0]!
  const probe = await relay.call(probeSettings, false, vendor.probe)
  // Every origin reads /healthz; the relay's other routes answer only the origins it lists.
  if (!probe.ok && ['origin-not-allowed', 'host-permission-missing'].includes(probe.error.reason.code)) {
    return { relay: 'error', auth: 'skipped', providers, authMode, outcome: { code: 'relay-failed', failure: probe.error } }
  }
  if (!probe.ok) return { relay: 'ok', providers, authMode, ...authFrom(probe.error, signIn) }
  return {
    relay: 'ok',
    auth: 'ok',
    providers,
    authMode,
    outcome: { code: signIn ? 'signed-in' : 'connected' } satisfies ConnectionOutcome,
  }
}
