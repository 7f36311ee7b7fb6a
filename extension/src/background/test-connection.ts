import type { ConnectionReport, RelayFailure } from '../lib/messages.ts'
import type { Settings } from '../lib/settings.ts'
import { relayBase, SIGN_IN_NEEDED, type Relay } from './relay-client.ts'

const providerNames = (p: { persona: boolean; deepidv: boolean }) =>
  [p.persona && 'Persona', p.deepidv && 'deepidv'].filter(Boolean).join(' and ') || 'no vendor'

/** What an authenticated answer says about the token or sign-in (anything past the auth check proves it). */
function authFrom(error: RelayFailure, signIn: boolean): Pick<ConnectionReport, 'auth' | 'message'> {
  switch (error.kind) {
    case 'unauthorized':
      return signIn
        ? { auth: 'rejected', message: `The relay is up, but you are not signed in. ${SIGN_IN_NEEDED}` }
        : { auth: 'rejected', message: 'The relay is up, but it rejected this agent token. Check the token with your administrator.' }
    case 'upstream':
    case 'rate-limited':
      return { auth: 'ok', message: `The relay accepted the token, but the vendor call failed: ${error.message}` }
    default:
      return { auth: 'error', message: `The relay is up, but the authenticated call failed: ${error.message}` }
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
  if ('problem' in target) return { relay: 'error', auth: 'skipped', message: target.problem }

  const health = await relay.call(settings, true, (c, o) => c.healthz.$get(undefined, o))
  if (!health.ok) {
    const relayState = health.error.kind === 'unreachable' ? 'unreachable' : 'error'
    return { relay: relayState, auth: 'skipped', message: health.error.message }
  }
  const providers = { persona: health.data.providers.persona.configured, deepidv: health.data.providers.deepidv.configured }
  const authMode = health.data.auth?.mode === 'access' ? 'access' : 'tokens'
  // In access mode without a token the probe goes with the browser's Access cookie (relay-client.ts).
  const signIn = authMode === 'access' && !input.agentToken.trim()
  if (!input.agentToken.trim() && !signIn) {
    return { relay: 'ok', auth: 'skipped', providers, authMode, message: 'The relay is up. Enter your agent token to test it.' }
  }
  const probeSettings = signIn ? { workerUrl: input.workerUrl, agentToken: '' } : settings

  // One item is enough; a provider that is not configured still answers after the auth check (503).
  const probe =
    providers.deepidv && !providers.persona
      ? await relay.call(probeSettings, false, (c, o) => c.v1.deepidv.sessions.$get({ query: { limit: '1' } }, o))
      : await relay.call(probeSettings, false, (c, o) => c.v1.persona.events.$get({ query: { 'page[size]': '1' }, header: {} }, o))
  if (!probe.ok) return { relay: 'ok', providers, authMode, ...authFrom(probe.error, signIn) }
  return {
    relay: 'ok',
    auth: 'ok',
    providers,
    authMode,
    message: signIn
      ? `Signed in. The relay accepted your company sign-in and serves ${providerNames(providers)}.`
      : `Connected. The relay accepted your token and serves ${providerNames(providers)}.`,
  }
}
