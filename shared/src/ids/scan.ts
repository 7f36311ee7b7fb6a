import { ID_SHAPES, getIdPattern, isUuidShaped, type IdKind, type IdShape } from './patterns.ts'

export type IdMatch = {
  kind: IdKind
  /** The ID as written in the text. */
  value: string
  /** UTF-16 offset of the first character, as in `String.prototype.slice`. */
  index: number
  length: number
}

export type ScanOptions = {
  /** Also report bare IDs (UUIDs, Sumsub's hex). Off by default: a bare ID could be anything. */
  uuids?: boolean
}

/** The kind of one whole value, or null. Trims nothing: `' inq_…'` is not an ID. */
export const classifyId = (value: string): IdKind | null => ID_SHAPES.find((p) => p.exact.test(value))?.kind ?? null

export const isIdOfKind = (value: string, kind: IdKind): boolean => getIdPattern(kind).exact.test(value)

/*
Token rule: an ID counts only as a whole token: no [A-Za-z0-9_] (nor '-' for UUIDs) right next to it.
Anything else is punctuation (CJK text puts IDs right next to words), a percent-escape too, so `%2Finq_…`
in encoded URLs is found. Speed: the engine only tries a match where a pattern's first character can
start one, so every alternative begins with something rare and the "what comes before" check is a
lookbehind after it: prefixed kinds begin with their literal, and a UUID is entered at its first '-' with
a lookbehind capturing the 8 digits before it (the table's prefix-less patterns then decide its kind).
*/
const ESCAPE = '%[0-9A-Fa-f]{2}'
const WORD = 'A-Za-z0-9_'
const UUID_WORD = 'A-Za-z0-9_-'
/** Placed after `lead`: the text before `lead` is not a token character, or is an escape. */
const startsToken = (tokenChars: string, lead: string) => `(?:(?<![${tokenChars}]${lead})|(?<=${ESCAPE}${lead}))`
const endsToken = (tokenChars: string) => `(?![${tokenChars}])`

const HEX = '[0-9a-fA-F]'
const UUID_LEAD = 8
// Same rule as startsToken, written as one positive lookbehind so that it can capture the lead.
const UUID_FROM_FIRST_DASH =
  `-(?<=(?:^|[^${UUID_WORD}]|${ESCAPE})(${HEX}{${UUID_LEAD}})-)` + `(${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12})${endsToken(UUID_WORD)}`

/** The table's prefixed patterns, then its bare ones that are no UUID, in table order: capture group n + 1 is WHOLE[n]. */
const PREFIXED = ID_SHAPES.filter((p) => p.prefix !== null)
const PREFIX_LESS: readonly IdShape[] = ID_SHAPES.filter((p) => p.prefix === null)
/** Bare kinds that are no UUID (Sumsub's 24 hex): each its own alternative, scanned only with the UUIDs. */
const UNDASHED = PREFIX_LESS.filter((p) => !isUuidShaped(p))

/**
 * `exact` unanchored, with the token boundaries, in one capture group. Relies on the table's shape
 * (`/^prefix…$/`, no flags, no capture groups), which scan.test.ts holds every pattern to.
 */
const scanAlternative = (p: IdShape, tokenChars = WORD): string => {
  const prefix = p.prefix ?? ''
  const rest = p.exact.source.slice(1 + prefix.length, -1)
  return `(${prefix}${startsToken(tokenChars, prefix)}${rest})${endsToken(tokenChars)}`
}

const PREFIXED_SOURCE = PREFIXED.map((p) => scanAlternative(p)).join('|')
const BARE_SOURCE = UNDASHED.map((p) => `|${scanAlternative(p, UUID_WORD)}`).join('')
const WHOLE = [...PREFIXED, ...UNDASHED]
// matchAll copies the regex, so sharing these `g` regexes is safe. Never call .test()/.exec() on them.
const SCANNER = new RegExp(PREFIXED_SOURCE, 'g')
const SCANNER_WITH_UUIDS = new RegExp(`${PREFIXED_SOURCE}${BARE_SOURCE}|${UUID_FROM_FIRST_DASH}`, 'g')
const BARE_HINT = UNDASHED.length ? new RegExp(UNDASHED.map((p) => p.exact.source.slice(1, -1)).join('|')) : null

// Every prefixed ID holds its prefix, so its prefix's last character; every UUID holds '-'.
const PREFIX_ENDS = [...new Set(PREFIXED.map((p) => (p.prefix as string).slice(-1)))]

/**
 * A cheap pre-check: false means `scanIds(text, options)` finds nothing, so most of a page's text
 * (no '_' and no '-') never starts the scanner. Built from the table, so no kind can be skipped.
 */
export const mayContainIds = (text: string, options: ScanOptions = {}): boolean =>
  PREFIX_ENDS.some((c) => text.includes(c)) || (options.uuids === true && (text.includes('-') || BARE_HINT?.test(text) === true))

/**
 * Every ID in `text`, in text order, one entry per occurrence (use `uniqueIds` to dedupe).
 * An ID must be a whole token (see the token rule above). Bare UUIDs only with `{ uuids: true }`.
 */
export const scanIds = (text: string, options: ScanOptions = {}): IdMatch[] => {
  const matches: IdMatch[] = []
  for (const m of text.matchAll(options.uuids === true ? SCANNER_WITH_UUIDS : SCANNER)) {
    const whole = WHOLE.find((_, n) => m[n + 1] !== undefined)
    if (whole !== undefined) {
      matches.push({ kind: whole.kind, value: m[0], index: m.index, length: m[0].length })
      continue
    }
    const value = `${m[WHOLE.length + 1] ?? ''}${m[0]}`
    const kind = PREFIX_LESS.find((p) => p.exact.test(value))?.kind
    if (kind !== undefined) matches.push({ kind, value, index: m.index - UUID_LEAD, length: value.length })
  }
  return matches
}

/** The first occurrence of each distinct ID, in text order. IDs are compared as written. */
export const uniqueIds = (matches: readonly IdMatch[]): IdMatch[] => {
  const seen = new Set<string>()
  return matches.filter((m) => {
    if (seen.has(m.value)) return false
    seen.add(m.value)
    return true
  })
}
