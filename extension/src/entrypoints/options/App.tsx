import { useModel } from '@preact/signals'
import { CopyButton } from '../../components/CopyButton.tsx'
import { OptionsModel } from '../../stores/options-model.ts'
import { ConnectionResult } from './ConnectionResult.tsx'
import { SettingField } from './SettingField.tsx'
import { SignIn } from './SignIn.tsx'

/** Relay URL and agent token (policy values read-only), connection test, this extension's origin. */
export function App() {
  const model = useModel(OptionsModel)
  const locked = model.locked.value
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    void model.save()
  }
  return (
    <main class="options">
      <h1>IDV Lens settings</h1>
      <form onSubmit={onSubmit} onInput={model.edited} data-testid="settings-form">
        <SettingField
          id="worker-url"
          label="Relay URL"
          hint="The IDV Lens relay (Cloudflare Worker) your team uses."
          value={model.workerUrl}
          locked={locked.workerUrl}
          problem={model.problem.value}
          type="url"
          placeholder="https://idv-lens-relay.example.workers.dev"
        />
        {model.authMode.value === 'access' && !locked.agentToken ? (
          <SignIn
            state={model.signInState.value}
            signedIn={model.test.value.status === 'done' && model.test.value.report.authMode === 'access' && model.test.value.report.auth === 'ok'}
            onSignIn={() => void model.signIn()}
          />
        ) : (
          <SettingField
            id="agent-token"
            label="Agent token"
            hint="Your personal token for the relay. Kept in this browser's extension storage only."
            value={model.agentToken}
            locked={locked.agentToken}
            type="password"
          />
        )}
        <SettingField
          id="uuid-sites"
          label="Sites where bare UUIDs are deepidv sessions"
          hint="Host names, one per line (e.g. acme.zendesk.com). Elsewhere only inq_, iqse_ and evt_ IDs are recognised."
          value={model.sites}
          locked={locked.sites}
          multiline
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={!model.dirty.value || model.problem.value !== null} data-testid="save">
            Save
          </button>
          <button type="button" onClick={() => void model.testConnection()} disabled={model.test.value.status === 'running'} data-testid="test-connection">
            {model.test.value.status === 'running' ? 'Testing…' : 'Test connection'}
          </button>
          <span role="status" data-testid="save-status">
            {model.saveState.value === 'saved' ? 'Saved. Open popups and panels use it now.' : model.saveState.value === 'error' ? 'Could not save.' : ''}
          </span>
        </div>
      </form>
      {model.relayAccess.value === 'refused' && (
        <p role="alert" class="relay-access-refused" data-testid="relay-access-refused">
          Firefox did not let IDV Lens reach the relay, so its answers stay blocked. Press Save or Test connection again and choose Allow.
        </p>
      )}
      <ConnectionResult state={model.test.value} />
      {model.needsAllowedOrigin.value && <section class="origin" aria-labelledby="origin-title">
        <h2 id="origin-title">This extension's origin</h2>
        <p>The relay only answers origins it lists. Give your administrator this value for the relay's ALLOWED_ORIGINS:</p>
        <div class="origin-value">
          <code data-testid="extension-origin">{model.origin.value}</code>
          <CopyButton text={model.origin.value} label="Copy origin" testId="copy-origin" />
        </div>
      </section>}
    </main>
  )
}
