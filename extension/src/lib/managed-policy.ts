import { storage } from '#imports'
import { parseCardFields } from './card-fields.ts'
import { parseReplyTexts } from '@idv-lens/shared/replies'
import { parseTeamWorkspaces } from './team-workspaces.ts'

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

const text = (raw: unknown): string | undefined => (typeof raw === 'string' && raw.trim() ? raw.trim() : undefined)
const strings = (raw: unknown): string[] | undefined =>
  Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : undefined

/** A tag name as Persona takes it: 1 to 100 characters, no control characters, no spaces at its ends. */
const isTagName = (tag: string): boolean => tag.length > 0 && tag.length <= 100 && !/[\u0000-\u001f\u007f]/.test(tag)

/** The team's inquiry tags (for the tag action): trimmed tag names, each once, in policy's order, at most 50. */
export function parseInquiryTags(raw: unknown): string[] | undefined {
  const tags = strings(raw)
  return tags && [...new Set(tags.map((tag) => tag.trim()).filter(isTagName))].slice(0, 50)
}

/*
Every setting a team can push through policy (public/managed_schema.json). A key at the top level is
locked: it wins over the agent's value, and the options page shows it read-only. The same key under
`defaults` is a suggestion (uBlock Origin's `toAdd` beside its `toOverwrite`): it applies while the
agent has not set their own, and the agent may change it. `suggestable: false` keys are policy-only.
A new managed setting is one entry here and one in managed_schema.json.
*/
export const MANAGED_SPECS = {
  workerUrl: { parse: text, suggestable: true },
  agentToken: { parse: text, suggestable: true },
  uuidSites: { parse: strings, suggestable: true },
  cardFields: { parse: parseCardFields, suggestable: true },
  inquiryTags: { parse: parseInquiryTags, suggestable: true },
  replyTexts: { parse: parseReplyTexts, suggestable: true },
  teamWorkspaces: { parse: parseTeamWorkspaces, suggestable: false },
  tenants: { parse: parseTenants, suggestable: false },
} as const satisfies Record<string, { parse(raw: unknown): unknown; suggestable: boolean }>

type Specs = typeof MANAGED_SPECS
export type ManagedKey = keyof Specs
/** Values policy set, each as its spec reads it. */
export type ManagedValues = { [K in ManagedKey]?: NonNullable<ReturnType<Specs[K]['parse']>> }
type SuggestableKey = { [K in ManagedKey]: Specs[K]['suggestable'] extends true ? K : never }[ManagedKey]
export type SuggestedValues = Pick<ManagedValues, SuggestableKey>
/** What policy pushed: locked values at the top level, suggestions under `defaults` (absent when none). */
export type ManagedSettings = ManagedValues & { defaults?: SuggestedValues }

const MANAGED_KEYS = Object.keys(MANAGED_SPECS) as ManagedKey[]
/** The keys to ask managed storage for. */
export const MANAGED_STORAGE_KEYS = [...MANAGED_KEYS, 'defaults']

function parseValues(raw: Record<string, unknown>, keys: ManagedKey[]): ManagedValues {
  const values: Record<string, unknown> = {}
  for (const key of keys) {
    const value = MANAGED_SPECS[key].parse(raw[key])
    if (value !== undefined) values[key] = value
  }
  return values as ManagedValues
}

/** Managed storage's answer, read key by key; what a spec cannot read is left out. */
export function parseManagedPolicy(raw: Record<string, unknown>): ManagedSettings {
  const managed: ManagedSettings = parseValues(raw, MANAGED_KEYS)
  const rawDefaults = raw.defaults
  if (rawDefaults !== null && typeof rawDefaults === 'object' && !Array.isArray(rawDefaults)) {
    const defaults = parseValues(
      rawDefaults as Record<string, unknown>,
      MANAGED_KEYS.filter((k) => MANAGED_SPECS[k].suggestable),
    )
    if (Object.keys(defaults).length > 0) managed.defaults = defaults
  }
  return managed
}

/** Where a setting's value comes from: the team locked it, the agent's own, the team's suggestion, or none of them. */
export type SettingSource = 'team-locked' | 'own' | 'team-suggested' | 'none'

/**
 * The value that applies: a locked one wins; else the agent's own (undefined: they never set one);
 * else the team's suggestion.
 */
export function resolveSetting<T>({ locked, own, suggested }: { locked?: T; own?: T; suggested?: T }): {
  value: T | undefined
  source: SettingSource
} {
  if (locked !== undefined) return { value: locked, source: 'team-locked' }
  if (own !== undefined) return { value: own, source: 'own' }
  if (suggested !== undefined) return { value: suggested, source: 'team-suggested' }
  return { value: undefined, source: 'none' }
}

/**
 * A managed setting's value now, from the cached policy (never managed storage itself): locked, the
 * agent's own (`own`, when the caller keeps one), or the team's suggestion.
 */
export async function readTeamSetting<K extends SuggestableKey>(
  key: K,
  own?: ManagedValues[K],
): Promise<{ value: ManagedValues[K] | undefined; source: SettingSource }> {
  return teamSetting(await managedPolicyItem.getValue(), key, own)
}

/**
 * What the build itself suggests, below any policy: the development build names a few inquiry tags
 * (extension/.env.development) so the demo's tag action can be tried without writing a policy.
 */
export function buildSuggestions(env: { WXT_DEFAULT_INQUIRY_TAGS?: string }): SuggestedValues {
  const inquiryTags = parseInquiryTags(env.WXT_DEFAULT_INQUIRY_TAGS?.split(','))
  return inquiryTags?.length ? { inquiryTags } : {}
}

const BUILD_SUGGESTIONS = buildSuggestions({ WXT_DEFAULT_INQUIRY_TAGS: import.meta.env.WXT_DEFAULT_INQUIRY_TAGS })

/** readTeamSetting's answer from a policy the caller already holds (a watcher's new value, the options page's read). */
export function teamSetting<K extends SuggestableKey>(
  policy: ManagedSettings | null,
  key: K,
  own?: ManagedValues[K],
  build: SuggestedValues = BUILD_SUGGESTIONS,
): { value: ManagedValues[K] | undefined; source: SettingSource } {
  return resolveSetting({ locked: policy?.[key], own, suggested: policy?.defaults?.[key] ?? build[key] })
}

/** The whole of what policy last said, cached like the parts in lib/settings.ts (which says why). */
export const managedPolicyItem = storage.defineItem<ManagedSettings>('local:managedPolicy', { fallback: {} })
