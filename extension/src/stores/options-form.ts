import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals'
import { storage } from '#imports'
import { readManagedSettings } from '../lib/effective-settings.ts'
import { CARD_FIELDS, parseCardFields } from '../lib/card-fields.ts'
import { managedPolicyItem, resolveSetting, teamSetting, type ManagedSettings } from '../lib/managed-policy.ts'
import { DEFAULT_SETTINGS, cardFieldsItem, ownSiteSettings, readOwnSettings, settingsItem, siteSettingsItem } from '../lib/settings.ts'
import { t } from '../lib/i18n.ts'
import { replyTextsSummary } from '@idv-lens/shared/replies'

/** Host names, one per line or comma-separated, lower-cased; blank lines dropped. */
export const parseSites = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\s,]+/)
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  ),
]

/** Card facts as typed, one a line or comma-separated: the known ones in order (unknown ones ignored). */
const parseFieldsText = (text: string) => parseCardFields(text.split(/[\s,]+/))

/** The names typed that are no card fact (any case), each once: reported, never dropped silently. */
export function unknownCardFields(text: string): string[] {
  const known = new Set<string>(CARD_FIELDS.map((f) => f.toLowerCase()))
  return [...new Set(text.split(/[\s,]+/).filter((name) => name && !known.has(name.toLowerCase())))]
}

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

/** The form's editable fields. */
export type FormField = 'workerUrl' | 'agentToken' | 'sites' | 'cardFields'

/** What the team did to a field: locked it, suggested a value (`changed`: the form now holds another), or nothing. */
export type TeamMark = { kind: 'locked' } | { kind: 'suggested'; changed: boolean } | null

/** Each field's policy value as the form writes it, and how a draft compares with it. */
const FIELD_TEXT = {
  workerUrl: { policy: (m: ManagedSettings) => m.workerUrl, text: (v: string) => v, normal: (s: string) => s.trim() },
  agentToken: { policy: (m: ManagedSettings) => m.agentToken, text: (v: string) => v, normal: (s: string) => s.trim() },
  sites: {
    policy: (m: ManagedSettings) => m.uuidSites,
    text: (v: string[]) => v.join('\n'),
    normal: (s: string) => parseSites(s).join('\n'),
  },
  cardFields: {
    policy: (m: ManagedSettings) => m.cardFields,
    text: (v: string[]) => v.join('\n'),
    normal: (s: string) => (parseFieldsText(s) ?? CARD_FIELDS).join('\n'),
  },
}
const lockedText = (m: ManagedSettings, field: FormField) => {
  const value = FIELD_TEXT[field].policy(m) as (string & string[]) | undefined
  return value === undefined ? undefined : FIELD_TEXT[field].text(value)
}
const suggestedText = (m: ManagedSettings, field: FormField) => (m.defaults ? lockedText(m.defaults, field) : undefined)
const FIELDS: FormField[] = ['workerUrl', 'agentToken', 'sites', 'cardFields']
type FormValues = Record<FormField, string>

/** The agent's own values as the form writes them; a field they never set is left out. */
async function readOwnText(): Promise<Partial<FormValues>> {
  const [own, sites, fields] = await Promise.all([readOwnSettings(), ownSiteSettings(), cardFieldsItem.getValue()])
  return { ...own, ...(sites ? { sites: sites.uuidSites.join('\n') } : {}), ...(fields ? { cardFields: fields.join('\n') } : {}) }
}

/** What the form shows for each field: locked, the agent's own, the team's suggestion, or the default. */
function shownValues(own: Partial<FormValues>, policy: ManagedSettings): FormValues {
  const fallback: FormValues = { ...DEFAULT_SETTINGS, sites: '', cardFields: CARD_FIELDS.join('\n') }
  const entries = FIELDS.map((f) => [
    f,
    resolveSetting({ locked: lockedText(policy, f), own: own[f], suggested: suggestedText(policy, f) }).value ?? fallback[f],
  ])
  return Object.fromEntries(entries) as FormValues
}

/** What loading writes: the fields, the policy and what it sets read-only, and what storage holds. */
type LoadedState = {
  values: Record<FormField, Signal<string>>
  managed: Signal<ManagedSettings>
  tenants: Signal<string>
  replyTexts: Signal<string>
  saved: Signal<FormValues & { ownToken: boolean }>
  locked: ReadonlySignal<Record<FormField, boolean>>
}

/**
 * Shows storage under `policy`: every field the agent is not editing (each with `replaceDraft`, as
 * after saving) and each locked one. Compared with what was shown before, so it runs before `saved` moves.
 */
function showStored(
  form: LoadedState,
  { own, policy, replaceDraft }: { own: Partial<FormValues>; policy: ManagedSettings; replaceDraft: boolean },
): string {
  const { values, saved } = form
  form.managed.value = policy
  form.tenants.value = (policy.tenants ?? []).join('\n')
  form.replyTexts.value = replyTextsSummary(teamSetting(policy, 'replyTexts').value)
  const shown = shownValues(own, policy)
  for (const f of FIELDS) {
    if (replaceDraft || form.locked.value[f] || values[f].value === saved.value[f]) values[f].value = shown[f]
  }
  saved.value = { ...shown, ownToken: own.agentToken !== undefined }
  return shown.workerUrl
}

/**
 * Reads storage, with the background's copy of the policy first: managed storage's own first read
 * after a browser start takes seconds, and the form must not stand empty (or drop typing) meanwhile.
 * The live policy follows when it answers, if it differs.
 */
function storageLoader(form: LoadedState, onShown: (workerUrl: string) => void) {
  return async (replaceDraft: boolean): Promise<void> => {
    const live = readManagedSettings()
    const [own, cached] = await Promise.all([readOwnText(), managedPolicyItem.getValue()])
    onShown(showStored(form, { own, policy: cached, replaceDraft }))
    const policy = await live
    if (JSON.stringify(policy) !== JSON.stringify(cached)) onShown(showStored(form, { own, policy, replaceDraft: false }))
  }
}

/**
 * The options form's fields, what policy locks or suggests, and what storage holds (what "dirty"
 * compares with). `onShown`: the relay URL storage or policy shows, each time it is read.
 */
export function createOptionsForm(onShown: (workerUrl: string) => void) {
  const values = Object.fromEntries(FIELDS.map((f) => [f, signal('')])) as Record<FormField, Signal<string>>
  /** Policy's tenants, one a line (read-only: only policy sets them); empty when it names none. */
  const tenants = signal('')
  /** Which customer reply texts the team replaces (locked or suggested), per language (read-only); empty when none. */
  const replyTexts = signal('')
  const managed = signal<ManagedSettings>({})
  const saved = signal<FormValues & { ownToken: boolean }>({ workerUrl: '', agentToken: '', sites: '', cardFields: '', ownToken: false })
  const marks = policyMarks(managed, values)
  const problems = formProblems(values, marks.locked)
  const { locked, team } = marks
  const dirty = computed(() => FIELDS.some((f) => values[f].value !== saved.value[f]))

  const load = storageLoader({ values, managed, tenants, replyTexts, saved, locked }, onShown)

  /** Stores the form; `behindAccess`: the relay signs agents in with Access, so no token is kept. */
  const store = (behindAccess: () => boolean) => storeForm({ values, locked, team }, behindAccess)

  /** The suggestion back in the field (saved with the form). */
  function useTeamValue(field: FormField): void {
    const value = suggestedText(managed.value, field)
    if (value !== undefined) values[field].value = value
  }

  /** Removes the stored token (one a relay behind Access no longer reads). */
  async function removeToken(): Promise<void> {
    if (locked.value.agentToken) return
    const local = await settingsItem.getValue()
    await settingsItem.setValue({ ...local, agentToken: '' })
    values.agentToken.value = ''
    await load(true)
  }

  return { ...values, tenants, replyTexts, ...marks, ...problems, managed, saved, dirty, load, store, useTeamValue, removeToken }
}

/**
 * What the team did to each field (locked, suggested) and to the reply texts, which stay read-only
 * here either way: an agent has no texts of their own.
 */
function policyMarks(managed: ReadonlySignal<ManagedSettings>, values: Record<FormField, Signal<string>>) {
  const locked = computed(
    () => Object.fromEntries(FIELDS.map((f) => [f, lockedText(managed.value, f) !== undefined])) as Record<FormField, boolean>,
  )
  const team = computed(
    () => Object.fromEntries(FIELDS.map((f) => [f, teamMark(managed.value, f, values[f].value)])) as Record<FormField, TeamMark>,
  )
  const replyTextsTeam = computed<TeamMark>(() => {
    const { source } = teamSetting(managed.value, 'replyTexts')
    return source === 'team-locked' ? { kind: 'locked' } : source === 'team-suggested' ? { kind: 'suggested', changed: false } : null
  })
  return { locked, team, replyTextsTeam }
}

/** Why the form cannot be saved: the relay URL, or names in the card facts that are no fact. */
function formProblems(values: Record<FormField, Signal<string>>, locked: ReadonlySignal<Record<FormField, boolean>>) {
  const problem = computed(() => urlProblem(values.workerUrl.value))
  const cardFieldsProblem = computed(() => {
    const unknown = locked.value.cardFields ? [] : unknownCardFields(values.cardFields.value)
    return unknown.length > 0 ? t('cardFieldsUnknown', unknown.join(', ')) : null
  })
  return { problem, cardFieldsProblem }
}

/** The form being saved: each field's draft, what policy locks, and the team's marks (read as it stands). */
type FormDraft = {
  values: Record<FormField, Signal<string>>
  locked: ReadonlySignal<Record<FormField, boolean>>
  team: ReadonlySignal<Record<FormField, TeamMark>>
}

async function storeForm({ values, locked, team }: FormDraft, behindAccess: () => boolean): Promise<void> {
  // Locked fields keep their local value: the policy shows through, and if it is ever lifted the
  // agent's own value comes back. A value equal to the team's suggestion is stored as none, so it
  // follows the team's when the team changes it.
  const own = (f: FormField) =>
    team.value[f]?.kind === 'suggested' && !team.value[f].changed ? null : FIELD_TEXT[f].normal(values[f].value)
  const local = await settingsItem.getValue()
  await settingsItem.setValue({
    workerUrl: locked.value.workerUrl ? local.workerUrl : (own('workerUrl') ?? ''),
    // A relay behind Access ignores tokens (the sign-in cookie is the browser's, never stored here).
    agentToken: locked.value.agentToken ? local.agentToken : behindAccess() ? '' : (own('agentToken') ?? ''),
  })
  const sites = own('sites')
  if (!locked.value.sites)
    await (sites === null ? storage.removeItem('local:siteSettings') : siteSettingsItem.setValue({ uuidSites: parseSites(sites) }))
  if (!locked.value.cardFields) await storeCardFields(own('cardFields'))
}

function teamMark(policy: ManagedSettings, field: FormField, draft: string): TeamMark {
  if (lockedText(policy, field) !== undefined) return { kind: 'locked' }
  const suggested = suggestedText(policy, field)
  if (suggested === undefined) return null
  return { kind: 'suggested', changed: FIELD_TEXT[field].normal(draft) !== FIELD_TEXT[field].normal(suggested) }
}

/** The agent's card facts; none (null), or every fact in the card's own order: the default applies. */
async function storeCardFields(text: string | null): Promise<void> {
  const fields = text === null ? undefined : parseFieldsText(text)
  await (fields === undefined || fields.join() === CARD_FIELDS.join() ? cardFieldsItem.removeValue() : cardFieldsItem.setValue(fields))
}

export type OptionsForm = ReturnType<typeof createOptionsForm>
