import { browser } from '#imports'
import { computed, createModel, effect, signal } from '@preact/signals'
import { readManagedSettings, watchSettings } from '../lib/effective-settings.ts'
import { sendMessage, type ConnectionReport, type Send } from '../lib/messages.ts'
import { settingsItem, siteSettingsItem, type ManagedSettings } from '../lib/settings.ts'

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
    return 'Enter a full URL, e.g. https://idv-lens-relay.example.workers.dev'
  }
  if (parsed.protocol === 'https:') return null
  if (parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)) return null
  return 'Use https (plain http only for a relay on this machine).'
}

/** The options page: the form's values, what policy locks, saving and "Test connection". */
export const OptionsModel = createModel((send: Send = sendMessage) => {
  const workerUrl = signal('')
  const agentToken = signal('')
  const sites = signal('')
  const managed = signal<ManagedSettings>({})
  const saved = signal({ workerUrl: '', agentToken: '', sites: '' })
  const saveState = signal<'idle' | 'saved' | 'error'>('idle')
  const test = signal<TestState>({ status: 'idle' })
  const origin = signal(new URL(browser.runtime.getURL('/')).origin)

  const locked = computed(() => ({
    workerUrl: managed.value.workerUrl !== undefined,
    agentToken: managed.value.agentToken !== undefined,
    sites: managed.value.uuidSites !== undefined,
  }))
  const problem = computed(() => urlProblem(workerUrl.value))
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
    if (keepDraft) return
    workerUrl.value = shown.workerUrl
    agentToken.value = shown.agentToken
    sites.value = shown.sites
  }

  void load(true)
  effect(() => watchSettings(() => void load(false)))

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
    async save() {
      if (problem.value) return
      try {
        // Policy-locked fields keep their local value: the policy shows through, and if it is
        // ever lifted the agent's own value comes back.
        const local = await settingsItem.getValue()
        await settingsItem.setValue({
          workerUrl: locked.value.workerUrl ? local.workerUrl : workerUrl.value.trim(),
          agentToken: locked.value.agentToken ? local.agentToken : agentToken.value.trim(),
        })
        if (!locked.value.sites) await siteSettingsItem.setValue({ uuidSites: parseSites(sites.value) })
        await load(true)
        saveState.value = 'saved'
      } catch {
        saveState.value = 'error'
      }
    },
    async testConnection() {
      test.value = { status: 'running' }
      try {
        const report = await send('testConnection', { workerUrl: workerUrl.value.trim(), agentToken: agentToken.value.trim() })
        test.value = { status: 'done', report }
      } catch {
        test.value = { status: 'done', report: { relay: 'error', auth: 'skipped', message: 'The extension did not answer. Reload it and try again.' } }
      }
    },
    edited() {
      saveState.value = 'idle'
    },
  }
})
