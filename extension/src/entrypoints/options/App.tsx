import { useModel } from '@preact/signals'
import { CopyButton } from '../../components/CopyButton.tsx'
import { OptionsModel } from '../../stores/options-model.ts'
import { ConnectionResult } from './ConnectionResult.tsx'
import { SettingField } from './SettingField.tsx'
import { SignIn } from './SignIn.tsx'
import { OneClickWorkspaces } from './OneClickWorkspaces.tsx'
import { CopyCheckSetting } from '../../components/CopyCheck.tsx'
import { UuidHelpdesksSetting } from './UuidHelpdesksSetting.tsx'
import { t } from '../../lib/i18n.ts'
import { CardFieldsPicker } from './CardFieldsPicker.tsx'

type Model = InstanceType<typeof OptionsModel>

/** Relay URL, agent token, sites and card facts (what the team locked read-only), connection test, this extension's origin. */
export function App() {
  const model = useModel(OptionsModel)
  const team = model.team.value
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    void model.save()
  }
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <form onSubmit={onSubmit} onInput={model.edited} data-testid="settings-form">
        <SettingField
          id="worker-url"
          label={t('relayUrl')}
          hint={t('relayUrlHint')}
          value={model.workerUrl}
          team={team.workerUrl}
          onUseTeamValue={() => model.useTeamValue('workerUrl')}
          problem={model.problem.value}
          type="url"
          placeholder="https://idv-lens-relay.example.workers.dev"
        />
        <AgentAccessField model={model} />
        <ScanFields model={model} />
        <PolicyOnlyFields model={model} />
        <FormActions model={model} />
      </form>
      {model.relayAccess.value === 'refused' && (
        <p role="alert" class="relay-access-refused" data-testid="relay-access-refused">
          {t('relayAccessRefused')}
        </p>
      )}
      <ConnectionResult state={model.test.value} />
      <OneClickWorkspaces />
      <UuidHelpdesksSetting />
      <CopyCheckSetting />
      {model.needsAllowedOrigin.value && <OriginSection origin={model.origin.value} />}
    </main>
  )
}

/** What is scanned and shown: the sites whose bare UUIDs count, the card's facts. */
function ScanFields({ model }: { model: Model }) {
  return (
    <>
      <SettingField
        id="uuid-sites"
        label={t('uuidSites')}
        hint={t('uuidSitesHint')}
        value={model.sites}
        team={model.team.value.sites}
        onUseTeamValue={() => model.useTeamValue('sites')}
        multiline
      />
      <CardFieldsPicker
        value={model.cardFields}
        team={model.team.value.cardFields}
        onUseTeamValue={() => model.useTeamValue('cardFields')}
        problem={model.cardFieldsProblem.value}
        onEdited={model.edited}
      />
    </>
  )
}

/** What only policy sets, shown read-only when it sets them. */
function PolicyOnlyFields({ model }: { model: Model }) {
  return (
    <>
      {model.tenants.value !== '' && (
        // Shown so the agent knows why other tenants get no lookups.
        <SettingField id="tenants" label={t('tenants')} hint={t('tenantsHint')} value={model.tenants} team={{ kind: 'locked' }} multiline />
      )}
      {model.replyTexts.value !== '' && (
        // Locked or suggested, the agent has no texts of their own: read-only either way.
        <SettingField
          id="reply-texts"
          label={t('replyTextsSetting')}
          hint={t('replyTextsHint')}
          value={model.replyTexts}
          team={model.replyTextsTeam.value}
          suggestedWhy={t('teamSuggestedTextsWhy')}
          readOnly
          multiline
        />
      )}
    </>
  )
}

/** Save, "Test connection", and how the last save went. */
function FormActions({ model }: { model: Model }) {
  return (
    <div class="actions">
      <button
        type="submit"
        class="primary"
        disabled={!model.dirty.value || model.problem.value !== null || model.cardFieldsProblem.value !== null}
        data-testid="save"
      >
        {t('save')}
      </button>
      <button
        type="button"
        onClick={() => void model.testConnection()}
        disabled={model.test.value.status === 'running' || model.problem.value !== null}
        data-testid="test-connection"
      >
        {model.test.value.status === 'running' ? t('testing') : t('testConnection')}
      </button>
      <span role="status" data-testid="save-status">
        {model.saveState.value === 'saved' ? t('saved') : model.saveState.value === 'error' ? t('saveFailed') : ''}
      </span>
    </div>
  )
}

/** How the agent signs in to the relay: "Sign in" behind Access, else the token; and a token left from tokens mode. */
function AgentAccessField({ model }: { model: Model }) {
  const test = model.test.value
  return (
    <>
      {model.authMode.value === 'access' && !model.locked.value.agentToken ? (
        <SignIn
          state={model.signInState.value}
          signedIn={test.status === 'done' && test.report.authMode === 'access' && test.report.auth === 'ok'}
          onSignIn={() => void model.signIn()}
        />
      ) : (
        <SettingField
          id="agent-token"
          label={t('agentToken')}
          hint={t('agentTokenHint')}
          value={model.agentToken}
          team={model.team.value.agentToken}
          onUseTeamValue={() => model.useTeamValue('agentToken')}
          type="password"
        />
      )}
      {model.staleToken.value && (
        <div class="setting" data-testid="stale-token">
          <p class="hint">{t('staleTokenNote')}</p>
          <div>
            <button type="button" onClick={() => void model.removeToken()} data-testid="remove-token">
              {t('removeToken')}
            </button>
          </div>
        </div>
      )}
    </>
  )
}

/** This extension's origin, for the relay's ALLOWED_ORIGINS. */
function OriginSection({ origin }: { origin: string }) {
  return (
    <section class="origin" aria-labelledby="origin-title">
      <h2 id="origin-title">{t('originTitle')}</h2>
      <p>{t('originText')}</p>
      <div class="origin-value">
        <code data-testid="extension-origin">{origin}</code>
        <CopyButton text={origin} label={t('copyOrigin')} testId="copy-origin" />
      </div>
    </section>
  )
}
