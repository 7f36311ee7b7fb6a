import { browser } from '#imports'
import { settingsItem, siteSettingsItem, type ManagedSettings, type Settings } from './settings.ts'

const MANAGED_KEYS = ['workerUrl', 'agentToken', 'uuidSites'] as const

/**
 * What Chrome policy pushed (`managed_schema.json`). Empty when there is no policy: Firefox and
 * Chrome without a managed manifest reject the read instead of answering `{}`, so errors mean "none".
 */
export async function readManagedSettings(): Promise<ManagedSettings> {
  try {
    const raw = (await browser.storage.managed.get([...MANAGED_KEYS])) as Record<string, unknown>
    const managed: ManagedSettings = {}
    if (typeof raw.workerUrl === 'string' && raw.workerUrl.trim()) managed.workerUrl = raw.workerUrl.trim()
    if (typeof raw.agentToken === 'string' && raw.agentToken.trim()) managed.agentToken = raw.agentToken.trim()
    if (Array.isArray(raw.uuidSites)) managed.uuidSites = raw.uuidSites.filter((s): s is string => typeof s === 'string')
    return managed
  } catch {
    return {}
  }
}

/** Local settings with the managed values laid over them, field by field: policy wins. */
export function mergeSettings(local: Settings, managed: ManagedSettings): Settings {
  return {
    workerUrl: managed.workerUrl ?? local.workerUrl,
    agentToken: managed.agentToken ?? local.agentToken,
  }
}

/** The settings the background uses for the next call. Read on every call, so saving takes effect at once. */
export async function readEffectiveSettings(): Promise<Settings> {
  const [local, managed] = await Promise.all([settingsItem.getValue(), readManagedSettings()])
  return mergeSettings(local, managed)
}

/** Calls `onChange` when local or managed settings change. Returns the unwatch function. */
export function watchSettings(onChange: () => void): () => void {
  const unwatchLocal = settingsItem.watch(onChange)
  const unwatchSites = siteSettingsItem.watch(onChange)
  const onManaged = (_changes: unknown, area: string) => {
    if (area === 'managed') onChange()
  }
  browser.storage.onChanged.addListener(onManaged)
  return () => {
    unwatchLocal()
    unwatchSites()
    browser.storage.onChanged.removeListener(onManaged)
  }
}
