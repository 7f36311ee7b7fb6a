import { Fragment } from 'preact'
import { servedLabels, VENDORS } from '../../vendors/index.ts'
import { Badge } from '../../components/StatusBadge.tsx'
import type { Tone } from '../../lib/status-tone.ts'
import type { TestState } from '../../stores/options-model.ts'
import { connectionText } from '../../lib/failure-text.ts'
import { t, type MessageKey } from '../../lib/i18n.ts'

const RELAY: Record<string, [MessageKey, Tone]> = {
  ok: ['relayOk', 'good'],
  unreachable: ['relayUnreachable', 'bad'],
  error: ['stateError', 'bad'],
}
const AUTH: Record<string, [MessageKey, Tone]> = {
  ok: ['authOk', 'good'],
  rejected: ['authRejected', 'bad'],
  skipped: ['authSkipped', 'neutral'],
  error: ['stateError', 'bad'],
}

/** "Test connection" part by part: relay, token, vendors, then one sentence on what to do. */
export function ConnectionResult({ state }: { state: TestState }) {
  if (state.status !== 'done') return null
  const { report } = state
  const [relayText, relayTone] = RELAY[report.relay] ?? ['stateError', 'bad']
  const [authText, authTone] = AUTH[report.auth] ?? ['stateError', 'bad']
  return (
    <section class="result" aria-live="polite" data-testid="connection-result" data-relay={report.relay} data-auth={report.auth}>
      <dl class="fields">
        <div class="field">
          <dt>{t('connRelay')}</dt>
          <dd>
            <Badge text={t(relayText)} tone={relayTone} testId="result-relay" />
          </dd>
        </div>
        <div class="field">
          <dt>{t(report.authMode === 'access' ? 'connSignIn' : 'agentToken')}</dt>
          <dd>
            <Badge text={t(authText)} tone={authTone} testId="result-auth" />
          </dd>
        </div>
        {report.providers && (
          <div class="field">
            <dt>{t('connVendors')}</dt>
            <dd>
              {Object.values(VENDORS).map((vendor, i) => {
                const configured = report.providers?.[vendor.name] === true
                return (
                  <Fragment key={vendor.name}>
                    {i > 0 && ' '}
                    <Badge
                      text={t(configured ? 'vendorConfigured' : 'vendorNotConfigured', vendor.label)}
                      tone={configured ? 'good' : 'neutral'}
                    />
                  </Fragment>
                )
              })}
            </dd>
          </div>
        )}
      </dl>
      <p data-testid="result-message" data-outcome={report.outcome.code}>
        {connectionText(report, servedLabels(report.providers))}
      </p>
    </section>
  )
}
