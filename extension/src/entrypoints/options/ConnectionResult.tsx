import { Badge } from '../../components/StatusBadge.tsx'
import type { Tone } from '../../lib/status-tone.ts'
import type { TestState } from '../../stores/options-model.ts'
import { connectionText } from '../../lib/failure-text.ts'

const RELAY: Record<string, [string, Tone]> = {
  ok: ['reachable', 'good'],
  unreachable: ['unreachable', 'bad'],
  error: ['error', 'bad'],
}
const AUTH: Record<string, [string, Tone]> = {
  ok: ['accepted', 'good'],
  rejected: ['rejected', 'bad'],
  skipped: ['not tested', 'neutral'],
  error: ['error', 'bad'],
}

/** "Test connection" part by part: relay, token, vendors, then one sentence on what to do. */
export function ConnectionResult({ state }: { state: TestState }) {
  if (state.status !== 'done') return null
  const { report } = state
  const [relayText, relayTone] = RELAY[report.relay] ?? ['error', 'bad']
  const [authText, authTone] = AUTH[report.auth] ?? ['error', 'bad']
  return (
    <section class="result" aria-live="polite" data-testid="connection-result" data-relay={report.relay} data-auth={report.auth}>
      <dl class="fields">
        <div class="field">
          <dt>Relay</dt>
          <dd>
            <Badge text={relayText} tone={relayTone} testId="result-relay" />
          </dd>
        </div>
        <div class="field">
          <dt>{report.authMode === 'access' ? 'Sign-in' : 'Agent token'}</dt>
          <dd>
            <Badge text={authText} tone={authTone} testId="result-auth" />
          </dd>
        </div>
        {report.providers && (
          <div class="field">
            <dt>Vendors</dt>
            <dd>
              <Badge text={`Persona ${report.providers.persona ? 'configured' : 'not configured'}`} tone={report.providers.persona ? 'good' : 'neutral'} />{' '}
              <Badge text={`deepidv ${report.providers.deepidv ? 'configured' : 'not configured'}`} tone={report.providers.deepidv ? 'good' : 'neutral'} />
            </dd>
          </div>
        )}
      </dl>
      <p data-testid="result-message" data-outcome={report.outcome.code}>
        {connectionText(report)}
      </p>
    </section>
  )
}
