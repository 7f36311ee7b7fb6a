import { storage } from '#imports'
import type { CardField } from './card-fields.ts'

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
  /** Host names (e.g. acme.zendesk.com) where bare UUIDs count, besides the built-in helpdesks. */
  uuidSites: string[]
}

export const DEFAULT_SETTINGS: Settings = {
  workerUrl: import.meta.env.WXT_DEFAULT_WORKER_URL ?? '',
  agentToken: import.meta.env.WXT_DEFAULT_AGENT_TOKEN ?? '',
}

export const settingsItem = storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS })

export const siteSettingsItem = storage.defineItem<SiteSettings>('local:siteSettings', { fallback: { uuidSites: [] } })

/** Whether bare UUIDs count on the built-in helpdesks' agent pages (sites/uuid-sites.ts): on unless the agent turns it off. */
export const uuidHelpdesksItem = storage.defineItem<boolean>('local:uuidHelpdesks', { fallback: true })

/**
 * The agent's own values as stored, null when never stored; a blank relay URL or token is none.
 * What tells the agent's own choice from none, so the team's suggestion applies (lib/managed-policy.ts).
 */
export async function readOwnSettings(): Promise<Partial<Settings>> {
  const stored = await storage.getItem<Partial<Settings>>('local:settings')
  const own: Partial<Settings> = {}
  if (stored?.workerUrl?.trim()) own.workerUrl = stored.workerUrl
  if (stored?.agentToken?.trim()) own.agentToken = stored.agentToken
  return own
}

/** The agent's own bare-UUID sites, null when they never saved a list. */
export const ownSiteSettings = (): Promise<SiteSettings | null> => storage.getItem<SiteSettings>('local:siteSettings')

/** The facts the agent wants on the card, in order (lib/card-fields.ts); null: not chosen. */
export const cardFieldsItem = storage.defineItem<CardField[] | null>('local:cardFields', { fallback: null })

/*
What Chrome policy last said, kept in storage.local. Chrome's first storage.managed read after the
browser starts can take seconds (its policy service starts late; Privacy Badger and Ghostery met the
same), so nothing the agent waits for reads managed storage: they read this copy, which the
background refreshes from managed storage at every start and on every policy change
(lib/effective-settings.ts). Apart, so a content script needs only the site part, and a change
of the team's workspaces is no change of settings.
*/
export const managedSettingsItem = storage.defineItem<Partial<Settings>>('local:managedSettings', { fallback: {} })
export const managedSiteSettingsItem = storage.defineItem<Partial<SiteSettings>>('local:managedSiteSettings', { fallback: {} })
export const managedTeamWorkspacesItem = storage.defineItem<string[]>('local:managedTeamWorkspaces', { fallback: [] })
/** The team's tenants as policy last named them; empty: no restriction. Only the background reads it. */
export const managedTenantsItem = storage.defineItem<string[]>('local:managedTenants', { fallback: [] })
