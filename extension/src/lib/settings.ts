import { storage } from '#imports'

/**
 * The agent's connection settings, kept in `storage.local` under `settings` (the documented key an
 * administrator or a test may write). Managed storage (Chrome policy) wins field by field and is
 * shown read-only.
 */
export type Settings = {
  workerUrl: string
  agentToken: string
}

export type SiteSettings = {
  /** Host names (e.g. acme.zendesk.com) where bare UUIDs count as deepidv sessions. */
  uuidSites: string[]
}

export const DEFAULT_SETTINGS: Settings = {
  workerUrl: import.meta.env.WXT_DEFAULT_WORKER_URL ?? '',
  agentToken: import.meta.env.WXT_DEFAULT_AGENT_TOKEN ?? '',
}

export const settingsItem = storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS })

export const siteSettingsItem = storage.defineItem<SiteSettings>('local:siteSettings', { fallback: { uuidSites: [] } })

/** Values an administrator pushed through Chrome policy (`managed_schema.json`). Read-only. */
export type ManagedSettings = Partial<Settings & SiteSettings>
