import type { IdKind, IdMatch, IdRef, ScanOptions } from '@idv-lens/shared/ids'
import { ID_TABLE } from './id-table.ts'

/*
The shared scanner (shared/src/ids/scan.ts: scanIds, mayContainIds, idFromDashboardUrl), built from
the ID table as data, for the script every frame loads: id-scan.test.ts holds it to the shared one's
answers on every example and edge case. Token rule and speed notes: see scan.ts.
*/
const ESCAPE = '%[0-9A-Fa-f]{2}'
const WORD = 'A-Za-z0-9_'
const HEX = '[0-9a-fA-F]'
const UUID_LEAD = 8
const startsToken = (lead: string) => `(?:(?<![${WORD}]${lead})|(?<=${ESCAPE}${lead}))`
const UUID_FROM_FIRST_DASH = `-(?<=(?:^|[^${WORD}-]|${ESCAPE})(${HEX}{${UUID_LEAD}})-)(${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12})(?![${WORD}-])`

const ROWS = ID_TABLE.rows
const EXACT = new Map(ROWS.map(([kind, , exact]) => [kind, new RegExp(exact)]))
const PREFIXED = ROWS.filter((row) => row[1] !== null)
const PREFIX_LESS = ROWS.filter((row) => row[1] === null)
// Bare kinds that are no UUID (Sumsub's hex): each its own alternative, after the prefixed ones.
const UNDASHED = PREFIX_LESS.filter(([kind]) => !EXACT.get(kind)!.test('00000000-0000-0000-0000-000000000000'))
const WHOLE = [...PREFIXED, ...UNDASHED]
const BARE_SOURCE = UNDASHED.map(([, , exact]) => `|((?:(?<![${WORD}-])|(?<=${ESCAPE}))${exact.slice(1, -1)})(?![${WORD}-])`).join('')
const BARE_HINT = UNDASHED.length ? new RegExp(UNDASHED.map(([, , exact]) => exact.slice(1, -1)).join('|')) : null
const PREFIXED_SOURCE = PREFIXED.map(
  ([, prefix, exact]) => `(${prefix}${startsToken(prefix!)}${exact.slice(1 + prefix!.length, -1)})(?![${WORD}])`,
).join('|')
// matchAll copies the regex, so sharing these `g` regexes is safe.
const SCANNER = new RegExp(PREFIXED_SOURCE, 'g')
const SCANNER_WITH_UUIDS = new RegExp(`${PREFIXED_SOURCE}${BARE_SOURCE}|${UUID_FROM_FIRST_DASH}`, 'g')
const PREFIX_ENDS = [...new Set(PREFIXED.map((row) => row[1]!.slice(-1)))]

const isIdOfKind = (value: string, kind: IdKind) => EXACT.get(kind)!.test(value)

/** False means `scanIds(text, options)` finds nothing. */
export const mayContainIds = (text: string, options: ScanOptions = {}): boolean =>
  PREFIX_ENDS.some((c) => text.includes(c)) || (options.uuids === true && (text.includes('-') || BARE_HINT?.test(text) === true))

/** Every ID in `text`, in text order, one entry per occurrence; bare UUIDs only with `{ uuids: true }`. */
export function scanIds(text: string, options: ScanOptions = {}): IdMatch[] {
  const matches: IdMatch[] = []
  for (const m of text.matchAll(options.uuids === true ? SCANNER_WITH_UUIDS : SCANNER)) {
    const prefixed = WHOLE.find((_, n) => m[n + 1] !== undefined)
    if (prefixed) {
      matches.push({ kind: prefixed[0], value: m[0], index: m.index, length: m[0].length })
      continue
    }
    const value = `${m[WHOLE.length + 1] ?? ''}${m[0]}`
    const kind = PREFIX_LESS.find(([kind]) => isIdOfKind(value, kind))?.[0]
    if (kind !== undefined) matches.push({ kind, value, index: m.index - UUID_LEAD, length: value.length })
  }
  return matches
}

/** The one spelling of an ID of this kind: lower-cased where case carries no meaning. */
export const canonicalId = (id: string, kind: IdKind): string => (ROWS.find((row) => row[0] === kind)?.[3] ? id.toLowerCase() : id)

/** The dashboards' hosts, each once. */
export const DASHBOARD_HOSTS: readonly string[] = [...new Set(ROWS.map((row) => row[4].split('/', 1)[0]!))]
const TEST_MODES = new Map(ID_TABLE.testModes)
const LINK = /^https?:\/\/([A-Za-z0-9.-]+)(\/[^?#]*)(?:\?[^#]*)?(#.*)?$/

/** The kind and ID a dashboard link points to, or null (as shared's idFromDashboardUrl). */
export function idFromDashboardUrl(url: string): IdRef | null {
  const [, host, path, fragment = ''] = LINK.exec(url.trim()) ?? []
  if (host === undefined || path === undefined) return null
  const test = TEST_MODES.get(host.toLowerCase())
  const page = host.toLowerCase() + (test && path.startsWith(`${test}/`) ? path.slice(test.length) : path) + fragment
  const row = ROWS.find((r) => page.startsWith(r[4]))
  if (!row) return null
  const id = page.slice(row[4].length).split(/[/?#]/, 1)[0] ?? ''
  return isIdOfKind(id, row[0]) ? { kind: row[0], id } : null
}
