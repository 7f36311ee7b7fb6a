import { browser } from '#imports'
import { parseReplyTexts } from './reply-texts.ts'
import { parseTeamWorkspaces } from './team-workspaces.ts'
import { isTagName } from './actions.ts'
import {
  managedSettingsItem,
  managedSiteSettingsItem,
  managedTeamWorkspacesItem,
  managedReplyTextsItem,
  managedTenantsItem,
  managedInquiryTagsItem,
  settingsItem,
  siteSettingsItem,
  type ManagedSettings,
  type Settings,
} from './settings.ts'

const MANAGED_KEYS = ['workerUrl', 'agentToken', 'uuidSites', 'teamWorkspaces', 'tenants', 'replyTexts', 'inquiryTags'] as const

/**
 * Policy's `tenants`: host names, trimmed and lower-cased, each once; anything that is not a host
 * name is dropped. Undefined when policy names none (no restriction).
 */
export function parseTenants(raw: unknown): string[] | undefined {
  if (!Array.isArray(raw)) return undefined
  const hosts = raw.filter((h): h is string => typeof h === 'string').map((h) => h.trim().toLowerCase())
  const valid = [...new Set(hosts.filter((h) => /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(h)))]
  return valid.length > 0 ? valid : undefined
}

/** Policy's `inquiryTags`: tag names, trimmed, each once, at most 50; anything else is dropped. */
export function parseInquiryTags(raw: unknown): string[] | undefined {
  if (!Array.isArray(raw)) return undefined
  const tags = [...new Set(raw.filter((t): t is string => typeof t === 'string').map((t) => t.trim()).filter(isTagName))].slice(0, 50)
  return tags.length > 0 ? tags : undefined
}

/**
 * What Chrome policy pushed (`managed_schema.json`), read from managed storage itself. Slow right
 * after the browser starts (seconds): only the background's cache refresh and the options page
 * (which shows policy read-only) call it; everything else reads the cached copy.
 * Empty when there is no policy: Firefox and Chrome without a managed manifest reject the read
 * instead of answering `{}`, so errors mean "none".
 */
export async function readManagedSettings(): Promise<ManagedSettings> {
  try {
    const raw = (await browser.storage.managed.get([...MANAGED_KEYS])) as Record<string, unknown>
    const managed: ManagedSettings = {}
    if (typeof raw.workerUrl === 'string' && raw.workerUrl.trim()) managed.workerUrl = raw.workerUrl.trim()
    if (typeof raw.agentToken === 'string' && raw.agentToken.trim()) managed.agentToken = raw.agentToken.trim()
    if (Array.isArray(raw.uuidSites)) managed.uuidSites = raw.uuidSites.filter((s): s is string => typeof s === 'string')
    const teamWorkspaces = parseTeamWorkspaces(raw.teamWorkspaces)
    if (teamWorkspaces !== undefined) managed.teamWorkspaces = teamWorkspaces
    const tenants = parseTenants(raw.tenants)
    if (tenants !== undefined) managed.tenants = tenants
    const inquiryTags = parseInquiryTags(raw.inquiryTags)
    if (inquiryTags !== undefined) managed.inquiryTags = inquiryTags
    const replyTexts = parseReplyTexts(raw.replyTexts)
    if (replyTexts !== undefined) managed.replyTexts = replyTexts
    return managed
  } catch {
    return {}
  }
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Reads managed storage and stores what it holds in the cached copies (writing only what changed,
 * so watchers hear of real changes only). The background calls it at every start and whenever
 * policy changes; nothing waits for it.
 */
export async function refreshManagedCache(read: () => Promise<ManagedSettings> = readManagedSettings): Promise<ManagedSettings> {
  const managed = await read()
  const connection: Partial<Settings> = {}
  if (managed.workerUrl !== undefined) connection.workerUrl = managed.workerUrl
  if (managed.agentToken !== undefined) connection.agentToken = managed.agentToken
  const site = managed.uuidSites !== undefined ? { uuidSites: managed.uuidSites } : {}
  const team = managed.teamWorkspaces ?? []
  const tenants = managed.tenants ?? []
  const tags = managed.inquiryTags ?? []
  const replyTexts = managed.replyTexts ?? {}
  const [cachedConnection, cachedSite, cachedTeam, cachedTenants, cachedReplyTexts, cachedTags] = await Promise.all([
    managedSettingsItem.getValue(),
    managedSiteSettingsItem.getValue(),
    managedTeamWorkspacesItem.getValue(),
    managedTenantsItem.getValue(),
    managedReplyTextsItem.getValue(),
    managedInquiryTagsItem.getValue(),
  ])
  await Promise.all([
    sameJson(cachedConnection, connection) ? null : managedSettingsItem.setValue(connection),
    sameJson(cachedSite, site) ? null : managedSiteSettingsItem.setValue(site),
    sameJson(cachedTeam, team) ? null : managedTeamWorkspacesItem.setValue(team),
    sameJson(cachedTenants, tenants) ? null : managedTenantsItem.setValue(tenants),
    sameJson(cachedReplyTexts, replyTexts) ? null : managedReplyTextsItem.setValue(replyTexts),
    sameJson(cachedTags, tags) ? null : managedInquiryTagsItem.setValue(tags),
  ])
  return managed
}

/** Local settings with the managed values laid over them, field by field: policy wins. */
export function mergeSettings(local: Settings, managed: ManagedSettings): Settings {
  return {
    workerUrl: managed.workerUrl ?? local.workerUrl,
    agentToken: managed.agentToken ?? local.agentToken,
  }
}

/**
 * The settings the background uses for the next call: local settings under the cached policy.
 * Read on every call, so saving takes effect at once; never waits for managed storage.
 */
export async function readEffectiveSettings(): Promise<Settings> {
  const [local, managed] = await Promise.all([settingsItem.getValue(), managedSettingsItem.getValue()])
  return mergeSettings(local, managed)
}

/** Calls `onChange` when local settings or the cached policy change. Returns the unwatch function. */
export function watchSettings(onChange: () => void): () => void {
  const unwatch = [settingsItem, siteSettingsItem, managedSettingsItem, managedSiteSettingsItem].map((item) => item.watch(onChange))
  return () => unwatch.forEach((stop) => stop())
}
