import { browser } from '#imports'
import { CARD_FIELDS, type CardField } from './card-fields.ts'
import { MANAGED_STORAGE_KEYS, managedPolicyItem, parseManagedPolicy, resolveSetting, type ManagedSettings } from './managed-policy.ts'
import {
  DEFAULT_SETTINGS,
  cardFieldsItem,
  managedSettingsItem,
  managedSiteSettingsItem,
  managedTeamWorkspacesItem,
  managedTenantsItem,
  readOwnSettings,
  settingsItem,
  siteSettingsItem,
  uuidHelpdesksItem,
  type Settings,
} from './settings.ts'

/**
 * What Chrome policy pushed (`managed_schema.json`), read from managed storage itself. Slow right
 * after the browser starts (seconds): only the background's cache refresh and the options page
 * (which shows policy read-only) call it; everything else reads the cached copy.
 * Empty when there is no policy: Firefox and Chrome without a managed manifest reject the read
 * instead of answering `{}`, so errors mean "none".
 */
export async function readManagedSettings(): Promise<ManagedSettings> {
  try {
    return parseManagedPolicy((await browser.storage.managed.get(MANAGED_STORAGE_KEYS)) as Record<string, unknown>)
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
  const [cachedConnection, cachedSite, cachedTeam, cachedTenants, cachedPolicy] = await Promise.all([
    managedSettingsItem.getValue(),
    managedSiteSettingsItem.getValue(),
    managedTeamWorkspacesItem.getValue(),
    managedTenantsItem.getValue(),
    managedPolicyItem.getValue(),
  ])
  await Promise.all([
    sameJson(cachedPolicy, managed) ? null : managedPolicyItem.setValue(managed),
    sameJson(cachedConnection, connection) ? null : managedSettingsItem.setValue(connection),
    sameJson(cachedSite, site) ? null : managedSiteSettingsItem.setValue(site),
    sameJson(cachedTeam, team) ? null : managedTeamWorkspacesItem.setValue(team),
    sameJson(cachedTenants, tenants) ? null : managedTenantsItem.setValue(tenants),
  ])
  return managed
}

/**
 * The agent's own connection settings under policy, field by field: a locked value wins, then the
 * agent's own, then the team's suggestion, then the build's default.
 */
export function mergeSettings(own: Partial<Settings>, managed: ManagedSettings): Settings {
  const field = (key: keyof Settings) =>
    resolveSetting({ locked: managed[key], own: own[key], suggested: managed.defaults?.[key] }).value ?? DEFAULT_SETTINGS[key]
  return { workerUrl: field('workerUrl'), agentToken: field('agentToken') }
}

/**
 * The settings the background uses for the next call: local settings under the cached policy.
 * Read on every call, so saving takes effect at once; never waits for managed storage.
 */
export async function readEffectiveSettings(): Promise<Settings> {
  const [own, locked, policy] = await Promise.all([readOwnSettings(), managedSettingsItem.getValue(), managedPolicyItem.getValue()])
  return mergeSettings(own, { ...locked, defaults: policy.defaults })
}

/** The card's facts, in order: the team's locked list, the agent's own, the team's suggestion, or every fact. */
export function effectiveCardFields(own: CardField[] | null, managed: ManagedSettings): CardField[] {
  return (
    resolveSetting({ locked: managed.cardFields, own: own ?? undefined, suggested: managed.defaults?.cardFields }).value ?? [...CARD_FIELDS]
  )
}

/** What a suggestion may change of the settings watchers hear about (locked parts have items of their own). */
const suggestedSettings = (policy: ManagedSettings | null) =>
  JSON.stringify([policy?.defaults?.workerUrl, policy?.defaults?.agentToken, policy?.defaults?.uuidSites])

/** Calls `onChange` when local settings or the cached policy change. Returns the unwatch function. */
export function watchSettings(onChange: () => void): () => void {
  const unwatch = [settingsItem, siteSettingsItem, uuidHelpdesksItem, managedSettingsItem, managedSiteSettingsItem].map((item) =>
    item.watch(onChange),
  )
  unwatch.push(managedPolicyItem.watch((next, previous) => suggestedSettings(next) !== suggestedSettings(previous) && onChange()))
  return () => unwatch.forEach((stop) => stop())
}

/** Calls `onChange` when the card's facts may have changed: the agent's list or policy's. */
export function watchCardFields(onChange: () => void): () => void {
  const unwatch = [
    cardFieldsItem.watch(onChange),
    managedPolicyItem.watch((next, previous) => cardFieldsOf(next) !== cardFieldsOf(previous) && onChange()),
  ]
  return () => unwatch.forEach((stop) => stop())
}
const cardFieldsOf = (policy: ManagedSettings | null) => JSON.stringify([policy?.cardFields, policy?.defaults?.cardFields])
