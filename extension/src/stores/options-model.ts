import { browser } from '#imports'
import { computed, createModel, effect, signal } from '@preact/signals'
import { readManagedSettings, watchSettings } from '../lib/effective-settings.ts'
import { forgetFirstPaintOnSettingsChange } from './first-paint-keeper.ts'
import { sendMessage, type ConnectionReport, type Send } from '../lib/messages.ts'
import { settingsItem, siteSettingsItem, type ManagedSettings } from '../lib/settings.ts'
import { sitePattern } from '../lib/site-access.ts'
import { browserRelayAccess, requestRelayAccess, type RelayAccess, type RelayAccessApi } from '../lib/relay-access.ts'
import { t } from '../lib/i18n.ts'

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

export type TestState = { status: 'idle' } | { status: 'running' } | { status: 'done'; report: ConnectionReport }

/** Host names, one per line or comma-separated, lower-cased; blank lines dropped. */
export const parseSites = (text: string): string[] =>
  [...new Set(text.split(/[\s,]+/).map((s) => s.trim().toLowerCase()).filter(Boolean))]

/** Why the URL cannot be saved, or null. Plain http only makes sense for a relay on this machine. */
export function urlProblem(url: string): string | null {
  const value = url.trim()
  if (!value) return null
  let parsed: URL
  try {
    parsed = new URL(value)
  } catch {
    return t('urlProblemFull')
  }
  if (parsed.protocol === 'https:') return null
  if (parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)) return null
  return t('urlProblemHttps')
}

/** The options page: the form's values, what policy locks, saving and "Test connection". */
export const OptionsModel = createModel((send: Send = sendMessage, signInApi: SignInApi = browserSignIn, accessApi: RelayAccessApi = browserRelayAccess) => {
  const workerUrl = signal('')
  const agentToken = signal('')
  const sites = signal('')
  const managed = signal<ManagedSettings>({})
  const saved = signal({ workerUrl: '', agentToken: '', sites: '' })
  const saveState = signal<'idle' | 'saved' | 'error'>('idle')
  const test = signal<TestState>({ status: 'idle' })
  const origin = signal(new URL(browser.runtime.getURL('/')).origin)
  /** The saved relay's auth mode (`/healthz`); 'access' replaces the token field with "Sign in". */
  const authMode = signal<'tokens' | 'access' | null>(null)
  const signInState = signal<SignInState>({ status: 'idle' })
  /** Firefox: whether the relay's host permission was granted at the last Save or Test (relay-access.ts). */
  const relayAccess = signal<RelayAccess | null>(null)
  /** Starts the browser's prompt where it needs one; called first thing in a click (the gesture rule). */
  const askRelayAccess = (url: string) => requestRelayAccess(url, accessApi).then((access) => (relayAccess.value = access))
  /** Whether the origin must be listed in the relay's ALLOWED_ORIGINS (not in Firefox: see relay-access.ts). */
  const needsAllowedOrigin = signal(!accessApi.needsHostPermission())

  const locked = computed(() => ({
    workerUrl: managed.value.workerUrl !== undefined,
    agentToken: managed.value.agentToken !== undefined,
    sites: managed.value.uuidSites !== undefined,
  }))
  const problem = computed(() => urlProblem(workerUrl.value))
  /** A token saved in tokens mode while the relay now says Access: ignored, and the agent may remove it. */
  const staleToken = computed(() => authMode.value === 'access' && saved.value.agentToken.trim() !== '' && !locked.value.agentToken)
  const dirty = computed(
    () => workerUrl.value !== saved.value.workerUrl || agentToken.value !== saved.value.agentToken || sites.value !== saved.value.sites,
  )

  /** Reads storage; keeps what the agent is typing unless `replaceDraft` (first load, after saving). */
  async function load(replaceDraft: boolean): Promise<void> {
    const [local, site, policy] = await Promise.all([settingsItem.getValue(), siteSettingsItem.getValue(), readManagedSettings()])
    const keepDraft = !replaceDraft && dirty.value
    managed.value = policy
    const shown = {
      workerUrl: policy.workerUrl ?? local.workerUrl,
      agentToken: policy.agentToken ?? local.agentToken,
      sites: (policy.uuidSites ?? site.uuidSites).join('\n'),
    }
    saved.value = shown
    void askAuthMode(shown.workerUrl)
    if (keepDraft) return
    workerUrl.value = shown.workerUrl
    agentToken.value = shown.agentToken
    sites.value = shown.sites
  }

  async function askAuthMode(url: string): Promise<void> {
    if (!url.trim() || urlProblem(url)) return
    try {
      authMode.value = await send('relayAuthMode', { workerUrl: url.trim() })
    } catch {
      // The background did not answer: keep what is shown; Test connection says more.
    }
  }

  void load(true)
  effect(() => watchSettings(() => void load(false)))
  // Settings change here: the popup's kept first screen (another relay's, or a token's now gone) is forgotten.
  effect(() => forgetFirstPaintOnSettingsChange())

  /**
   * Tests the form's values. Behind Access the token is not sent (the relay would refuse it, and the
   * agent cannot see that field there); a URL Save would refuse is not tested either, so a token
   * never goes to a plain-http relay on another machine.
   */
  async function runTest(access: Promise<unknown>): Promise<void> {
    if (problem.value) {
      test.value = { status: 'idle' }
      return
    }
    test.value = { status: 'running' }
    try {
      await access
      const token = authMode.value === 'access' ? '' : agentToken.value.trim()
      const report = await send('testConnection', { workerUrl: workerUrl.value.trim(), agentToken: token })
      if (!report) throw new Error('no report')
      if (report.authMode) authMode.value = report.authMode
      test.value = { status: 'done', report }
    } catch {
      test.value = { status: 'done', report: { relay: 'error', auth: 'skipped', outcome: { code: 'relay-failed', failure: { kind: 'internal', reason: { code: 'background-silent' } } } } }
    }
  }

  return {
    workerUrl,
    agentToken,
    sites,
    managed,
    locked,
    problem,
    dirty,
    saveState,
    test,
    origin,
    authMode,
    signInState,
    relayAccess,
    needsAllowedOrigin,
    staleToken,
    /**
     * "Sign in with your company account". Runs in the click (permissions.request needs the user's
     * gesture): asks for the relay's host permission, so the browser sends the Access cookie with the
     * extension's requests, then opens the relay in a tab, where Access sends the agent to sign in.
     */
    async signIn() {
      const url = workerUrl.value.trim()
      const pattern = sitePattern(url)
      if (!pattern || problem.value) {
        signInState.value = { status: 'error', message: t('signInEnterUrl') }
        return
      }
      try {
        if (!(await signInApi.requestOrigins([pattern]))) {
          signInState.value = { status: 'refused' }
          return
        }
        await signInApi.openTab(`${url.replace(/\/+$/, '')}/`)
        signInState.value = { status: 'opened' }
      } catch (err) {
        signInState.value = { status: 'error', message: err instanceof Error ? err.message : String(err) }
      }
    },
    async save() {
      if (problem.value) return
      // The shown URL, the policy's included: a preset relay needs the permission as much.
      const access = askRelayAccess(workerUrl.value)
      // The result on screen was for the values before this Save: it goes now, and Save tests again.
      test.value = { status: 'running' }
      try {
        // Policy-locked fields keep their local value: the policy shows through, and if it is
        // ever lifted the agent's own value comes back.
        const local = await settingsItem.getValue()
        await settingsItem.setValue({
          workerUrl: locked.value.workerUrl ? local.workerUrl : workerUrl.value.trim(),
          // A relay behind Access ignores tokens (the sign-in cookie is the browser's, never stored here).
          agentToken: locked.value.agentToken ? local.agentToken : authMode.value === 'access' ? '' : agentToken.value.trim(),
        })
        if (!locked.value.sites) await siteSettingsItem.setValue({ uuidSites: parseSites(sites.value) })
        await access
        await load(true)
        saveState.value = 'saved'
      } catch {
        saveState.value = 'error'
        test.value = { status: 'idle' }
        return
      }
      await runTest(access)
    },
    testConnection() {
      // Refused before the permission prompt too: nothing about this URL is asked or sent.
      if (problem.value) return runTest(Promise.resolve())
      return runTest(askRelayAccess(workerUrl.value))
    },
    /** Removes a token saved in tokens mode from a relay that now signs agents in with Access. */
    async removeToken() {
      if (locked.value.agentToken) return
      const local = await settingsItem.getValue()
      await settingsItem.setValue({ ...local, agentToken: '' })
      agentToken.value = ''
      await load(true)
    },
    edited() {
      saveState.value = 'idle'
    },
  }
})
