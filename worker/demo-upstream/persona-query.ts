/**
 * Parses Persona's deep-object query parameters (`page[size]`, `filter[status]`, `fields[inquiry]`, `include`)
 * and rejects what Persona rejects (docs/vendors/persona.md §2, §4, §14), with 400s in Persona's error format.
 */
import type { CursorRequest } from './cursor-page.ts'
import { toKebab } from './inflection.ts'
import { personaErrors } from './persona-errors.ts'
import { DAY, parseIso8601 } from './timeline.ts'

export const MAX_PAGE_SIZE = 100
export const DEFAULT_PAGE_SIZE = 10
/** `filter[inquiry-id]` takes at most 100 ids (docs/vendors/persona.md §2, changelog 2025-06-09). */
export const MAX_FILTER_IDS = 100

/** Requested attributes per resource type, kebab-case; e.g. `inquiry → {status, fields.name-first}`. */
export type SparseFields = ReadonlyMap<string, ReadonlySet<string>>

export interface ParsedQuery {
  page: CursorRequest
  /** Filter name (kebab) → accepted values (comma lists and `[]` arrays merged). */
  filters: ReadonlyMap<string, readonly string[]>
  fields: SparseFields
  /** Relationship names (kebab), or null when `include` wasn't given. */
  include: readonly string[] | null
}

const FILTER = /^filter\[([^\]]+)\](\[\])?$/
const PAGE = /^page\[([^\]]+)\]$/
const FIELDS = /^fields\[([^\]]+)\]$/

const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)

export function parsePersonaQuery(params: URLSearchParams, allowedFilters: readonly string[]): ParsedQuery {
  const filters = new Map<string, string[]>()
  const fields = new Map<string, Set<string>>()
  const page: CursorRequest = { size: DEFAULT_PAGE_SIZE, after: null, before: null }
  let include: string[] | null = null

  for (const [key, value] of params) {
    const filter = FILTER.exec(key)
    if (filter) {
      const name = toKebab(filter[1] as string)
      if (!allowedFilters.includes(name)) throw personaErrors.badRequest(`filter[${filter[1]}] is not a supported filter`)
      // A note is free text, so it's the one filter that isn't a comma list.
      const values = name === 'note' ? [value.trim()].filter((v) => v.length > 0) : splitList(value)
      filters.set(name, [...(filters.get(name) ?? []), ...values])
      continue
    }
    const pageParam = PAGE.exec(key)
    if (pageParam) {
      const name = pageParam[1]
      if (name === 'size') {
        const size = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN
        if (!(size >= 1 && size <= MAX_PAGE_SIZE)) throw personaErrors.badRequest(`page[size] must be between 1 and ${MAX_PAGE_SIZE}`)
        page.size = size
      } else if (name === 'after' || name === 'before') {
        page[name] = value.trim() === '' ? null : value.trim()
      }
      continue
    }
    const fieldset = FIELDS.exec(key)
    if (fieldset) {
      fields.set(toKebab(fieldset[1] as string), new Set(splitList(value).map(sparseFieldName)))
      continue
    }
    if (key === 'include') include = [...(include ?? []), ...splitList(value).map(toKebab)]
  }

  if (page.after !== null && page.before !== null) throw personaErrors.badRequest('page[after] and page[before] cannot be used together')
  // Blank filters (`filter[status]=`) constrain nothing.
  for (const [name, values] of filters) if (values.length === 0) filters.delete(name)
  if (filters.has('note') && filters.size > 1) throw personaErrors.badRequest('filter[note] must be the only filter')
  for (const name of ['inquiry-id', 'object-id', 'id']) {
    if ((filters.get(name)?.length ?? 0) > MAX_FILTER_IDS)
      throw personaErrors.badRequest(`filter[${name}] accepts at most ${MAX_FILTER_IDS} values`)
  }
  for (const name of ['created-at-start', 'created-at-end']) {
    const values = filters.get(name)
    if (values && (values.length !== 1 || parseIso8601(values[0] as string) === null)) {
      throw personaErrors.badRequest(`filter[${name}] must be an ISO 8601 date-time`)
    }
  }
  return { page, filters, fields, include }
}

/** `fields.nameFirst` → `fields.name-first`: each dotted segment in kebab-case. */
function sparseFieldName(name: string): string {
  return name.split('.').map(toKebab).join('.')
}

/** Rejects `include` on list endpoints, which Persona answers with 400 (docs/vendors/persona.md §5). */
export function rejectInclude(query: ParsedQuery): void {
  if (query.include !== null && query.include.length > 0) {
    throw personaErrors.badRequest('include is not supported on list endpoints')
  }
}

/**
 * A date filter as epoch ms (validated by the parser). Both ends are inclusive; a date-only end
 * (`2026-01-31`) covers that whole day.
 */
export function dateFilter(query: ParsedQuery, name: 'created-at-start' | 'created-at-end'): number | null {
  const value = query.filters.get(name)?.[0]
  const parsed = value === undefined ? null : parseIso8601(value)
  if (!parsed) return null
  return name === 'created-at-end' && parsed.dateOnly ? parsed.ms + DAY - 1 : parsed.ms
}
