import { storage } from '#imports'
import type { ReplyTexts } from './reply-texts.ts'

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

/**
 * The one-click workspaces (sites/helpdesk-matches.ts's ONE_CLICK_WORKSPACES ids, e.g. `gmail`) a
 * team wants. Policy cannot grant their host permissions: each agent still allows each one, once.
 */
export type TeamSettings = {
  teamWorkspaces: string[]
}

/**
 * The team's own tenants (host names such as acme.zendesk.com): when policy names any, inline
 * lookups run only in tabs whose page is on one of them. Policy only: an agent has no say.
 */
export type TenantSettings = {
  tenants: string[]
}

/** The team's own customer texts for "Copy reply" (lib/reply-texts.ts). Policy only. */
export type ReplySettings = {
  replyTexts: ReplyTexts
}

/** The tags an agent may add to or remove from an inquiry (the team's list). Policy only. */
export type TagSettings = {
  inquiryTags: string[]
}

/** Values an administrator pushed through Chrome policy (`managed_schema.json`). Read-only. */
export type ManagedSettings = Partial<Settings & SiteSettings & TeamSettings & TenantSettings & ReplySettings & TagSettings>

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
/** The team's customer texts as policy last set them; empty: the built-in texts. Extension pages and the background read it. */
export const managedReplyTextsItem = storage.defineItem<ReplyTexts>('local:managedReplyTexts', { fallback: {} })
/** The team's inquiry tags as policy last named them; empty: none offered. */
export const managedInquiryTagsItem = storage.defineItem<string[]>('local:managedInquiryTags', { fallback: [] })
