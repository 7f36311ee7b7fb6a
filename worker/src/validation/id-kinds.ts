import { ID_PATTERNS, isUuidShaped, type IdPattern } from '@idv-lens/shared/ids'

/** `a deepidv session`, `an Onfido workflow run`. */
export const withArticle = (label: string): string => `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`

/**
 * The ID kinds the relay takes, in words, for refusals and the contract's descriptions: built from
 * the shared ID table, so a vendor's new kind is named without an edit here. The prefixed kinds go
 * first as one group ("inq_, iqse_, evt_"), then each kind without a prefix by its label ("deepidv
 * session") and its noun: a UUID, or an ID where it has a shape of its own (Sumsub's hex).
 */
export function idKindsInWords(
  prefixed: (prefixes: string) => string,
  unprefixed: (label: string, noun: 'UUID' | 'ID') => string,
  patterns: readonly (Pick<IdPattern, 'prefix' | 'label'> & Partial<Pick<IdPattern, 'exact'>>)[] = ID_PATTERNS,
): string {
  const prefixes = patterns.flatMap((p) => (p.prefix === null ? [] : [p.prefix]))
  const parts = [
    ...(prefixes.length > 0 ? [prefixed(prefixes.join(', '))] : []),
    ...patterns.flatMap((p) =>
      p.prefix === null ? [unprefixed(p.label, p.exact && !isUuidShaped({ prefix: null, exact: p.exact }) ? 'ID' : 'UUID')] : [],
    ),
  ]
  // "a, b or c": no comma before the last, as the messages have always read.
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}`
}
