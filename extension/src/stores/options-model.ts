import { browser } from '#imports'
import { computed, createModel, effect, signal, type Signal } from '@preact/signals'
import { watchSettings } from '../lib/effective-settings.ts'
import { forgetFirstPaintOnSettingsChange } from './first-paint-keeper.ts'
import { sendMessage, type Send } from '../lib/messages.ts'
import { sitePattern } from '../lib/site-access.ts'
import { browserRelayAccess, type RelayAccessApi } from '../lib/relay-access.ts'
import { t } from '../lib/i18n.ts'
import { createOptionsForm, type OptionsForm } from './options-form.ts'
import { createOptionsConnection } from './options-connection.ts'

export { parseSites, urlProblem } from './options-form.ts'
export type { TestState } from './options-connection.ts'

export type SignInState = { status: 'idle' } | { status: 'opened' } | { status: 'refused' } | { status: 'error'; message: string }

/** What "Sign in" needs from the browser; injectable for tests. */
export type SignInApi = {
  requestOrigins(origins: string[]): Promise<boolean>
  openTab(url: string): Promise<unknown>
}

const browserSignIn: SignInApi = {
  requestOrigins: (origins) => browser.permissions.request({ origins }),
  openTab: (url) => browser.tabs.create({ url }),
}

/**
 * "Sign in with your company account". Runs in the click (permissions.request needs the user's
 * gesture): asks for the relay's host permission, so the browser sends the Access cookie with the
 * extension's requests, then opens the relay in a tab, where Access sends the agent to sign in.
 */
async function signInAt(url: string, problem: string | null, api: SignInApi): Promise<SignInState> {
  const pattern = sitePattern(url)
  if (!pattern || problem) return { status: 'error', message: t('signInEnterUrl') }
  try {
    if (!(await api.requestOrigins([pattern]))) return { status: 'refused' }
    await api.openTab(`${url.replace(/\/+$/, '')}/`)
    return { status: 'opened' }
  } catch (err) {
    return { status: 'error', message: err instanceof Error ? err.message : String(err) }
  }
}

type SaveParts = {
  form: OptionsForm
  connection: ReturnType<typeof createOptionsConnection>
  saveState: Signal<'idle' | 'saved' | 'error'>
}

/** Save: stores the form, asks for the relay's permission, then tests the connection with the saved values. */
async function saveOptions({ form, connection, saveState }: SaveParts): Promise<void> {
  const { test, authMode, askRelayAccess, runTest } = connection
  if (form.problem.value || form.cardFieldsProblem.value) return
  // The shown URL, the policy's included: a preset relay needs the permission as much.
  const access = askRelayAccess(form.workerUrl.value)
  // The result on screen was for the values before this Save: it goes now, and Save tests again.
  test.value = { status: 'running' }
  try {
    await form.store(() => authMode.value === 'access')
    await access
    await form.load(true)
    saveState.value = 'saved'
  } catch {
    saveState.value = 'error'
    test.value = { status: 'idle' }
    return
  }
  await runTest(access)
}

/** The options page: the form's values, what policy locks or suggests, saving and "Test connection". */
export const OptionsModel = createModel(
  (send: Send = sendMessage, signInApi: SignInApi = browserSignIn, accessApi: RelayAccessApi = browserRelayAccess) => {
    const form = createOptionsForm((url) => void connection.askAuthMode(url))
    const connection = createOptionsConnection(send, form, accessApi)
    const { workerUrl, locked, problem } = form
    const { test, authMode, askRelayAccess, runTest } = connection
    const saveState = signal<'idle' | 'saved' | 'error'>('idle')
    const origin = signal(new URL(browser.runtime.getURL('/')).origin)
    const signInState = signal<SignInState>({ status: 'idle' })
    /** A token saved in tokens mode while the relay now says Access: ignored, and the agent may remove it. */
    const staleToken = computed(() => authMode.value === 'access' && form.saved.value.ownToken && !locked.value.agentToken)

    // Typing may start before storage answers: the first read fills only the fields left alone.
    void form.load(false)
    effect(() => watchSettings(() => void form.load(false)))
    // Settings change here: the popup's kept first screen (another relay's, or a token's now gone) is forgotten.
    effect(() => forgetFirstPaintOnSettingsChange())

    return {
      workerUrl,
      agentToken: form.agentToken,
      sites: form.sites,
      cardFields: form.cardFields,
      tenants: form.tenants,
      replyTexts: form.replyTexts,
      replyTextsTeam: form.replyTextsTeam,
      cardFieldsProblem: form.cardFieldsProblem,
      team: form.team,
      useTeamValue: form.useTeamValue,
      managed: form.managed,
      locked,
      problem,
      dirty: form.dirty,
      saveState,
      test,
      origin,
      authMode,
      signInState,
      relayAccess: connection.relayAccess,
      needsAllowedOrigin: connection.needsAllowedOrigin,
      staleToken,
      async signIn() {
        signInState.value = await signInAt(workerUrl.value.trim(), problem.value, signInApi)
      },
      save: () => saveOptions({ form, connection, saveState }),
      testConnection() {
        // Refused before the permission prompt too: nothing about this URL is asked or sent.
        if (problem.value) return runTest(Promise.resolve())
        return runTest(askRelayAccess(workerUrl.value))
      },
      /** Removes a token saved in tokens mode from a relay that now signs agents in with Access. */
      removeToken: form.removeToken,
      edited() {
        saveState.value = 'idle'
      },
    }
  },
)
