import { computed, signal } from '@preact/signals'
import { readManagedSettings } from '../lib/effective-settings.ts'
import { settingsItem, siteSettingsItem, type ManagedSettings } from '../lib/settings.ts'
import { t } from '../lib/i18n.ts'
import { replyTextsSummary } from '../lib/reply-texts.ts'

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

/**
 * The options form's fields, what policy locks, and what storage holds (what "dirty" compares with).
 * `onShown`: the relay URL storage or policy shows, each time it is read.
 */
export function createOptionsForm(onShown: (workerUrl: string) => void) {
  const workerUrl = signal('')
  const agentToken = signal('')
  const sites = signal('')
  /** Policy's tenants, one a line (read-only: only policy sets them); empty when it names none. */
  const tenants = signal('')
  /** Which of the customer reply texts policy replaces, per language (read-only); empty when none. */
  const replyTexts = signal('')
  const managed = signal<ManagedSettings>({})
  const saved = signal({ workerUrl: '', agentToken: '', sites: '' })
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
    tenants.value = (policy.tenants ?? []).join('\n')
    replyTexts.value = replyTextsSummary(policy.replyTexts)
    const shown = {
      workerUrl: policy.workerUrl ?? local.workerUrl,
      agentToken: policy.agentToken ?? local.agentToken,
      sites: (policy.uuidSites ?? site.uuidSites).join('\n'),
    }
    saved.value = shown
    onShown(shown.workerUrl)
    if (keepDraft) return
    workerUrl.value = shown.workerUrl
    agentToken.value = shown.agentToken
    sites.value = shown.sites
  }

  /** Stores the form; `behindAccess`: the relay signs agents in with Access, so no token is kept. */
  async function store(behindAccess: () => boolean): Promise<void> {
    // Policy-locked fields keep their local value: the policy shows through, and if it is
    // ever lifted the agent's own value comes back.
    const local = await settingsItem.getValue()
    await settingsItem.setValue({
      workerUrl: locked.value.workerUrl ? local.workerUrl : workerUrl.value.trim(),
      // A relay behind Access ignores tokens (the sign-in cookie is the browser's, never stored here).
      agentToken: locked.value.agentToken ? local.agentToken : behindAccess() ? '' : agentToken.value.trim(),
    })
    if (!locked.value.sites) await siteSettingsItem.setValue({ uuidSites: parseSites(sites.value) })
  }

  /** Removes the stored token (one a relay behind Access no longer reads). */
  async function removeToken(): Promise<void> {
    if (locked.value.agentToken) return
    const local = await settingsItem.getValue()
    await settingsItem.setValue({ ...local, agentToken: '' })
    agentToken.value = ''
    await load(true)
  }

  return { workerUrl, agentToken, sites, tenants, replyTexts, managed, saved, locked, problem, dirty, load, store, removeToken }
}

export type OptionsForm = ReturnType<typeof createOptionsForm>
