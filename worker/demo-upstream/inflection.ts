/**
 * Persona's `Key-Inflection` (docs/vendors/persona.md §1): response keys in kebab (default), camel or snake case.
 * Only keys change, never values. The dataset is stored kebab-case, so kebab is a no-op.
 */

export const KEY_INFLECTIONS = ['kebab', 'camel', 'snake'] as const
export type KeyInflection = (typeof KEY_INFLECTIONS)[number]

const camelCache = new Map<string, string>()
const snakeCache = new Map<string, string>()

/** Converts a kebab-case key (`address-street-1`) to the requested style. */
export function inflectKey(key: string, style: KeyInflection): string {
  if (style === 'kebab' || !key.includes('-')) return key
  const cache = style === 'camel' ? camelCache : snakeCache
  let out = cache.get(key)
  if (out === undefined) {
    out = style === 'camel' ? key.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : key.replaceAll('-', '_')
    cache.set(key, out)
  }
  return out
}

/** Inflects every object key below `value` (arrays included); leaves values alone. */
export function inflectKeysDeep(value: unknown, style: KeyInflection): unknown {
  if (style === 'kebab' || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item) => inflectKeysDeep(item, style))
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) out[inflectKey(key, style)] = inflectKeysDeep(inner, style)
  return out
}

/** Persona accepts any casing on input; this normalises a name from a query (`nameFirst`, `name_first`) to kebab. */
export function toKebab(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replaceAll('_', '-')
    .toLowerCase()
}
