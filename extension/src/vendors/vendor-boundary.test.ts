import { VENDOR_NAMES } from '@idv-lens/shared/api'
import { describe, expect, it } from 'vitest'
import { LISTS, VENDORS } from './index.ts'
import { vendorReplies } from './replies.ts'
import { vendorTones } from './tones.ts'
import { VENDOR_DETAILS } from './details.ts'
import { VENDOR_ROWS } from './rows.ts'

/**
 * A vendor is a folder (extension/src/vendors/<name>/) and its line in the registry (vendors/index.ts),
 * as in the relay (worker/test/vendor-boundary.test.ts, whose `code` and `words` these are, copied:
 * the packages share no test code). Extension code anywhere else never names a vendor: a name counts
 * as a word of an identifier or string (`PersonaInquiry`, `'deepidv-session'`, an import path),
 * case-insensitively; not in comments, not in longer words that start with one (`personal`). Tests
 * may name vendors: their fixtures are real vendors' records. Locale files are data, not code.
 */
const SOURCES = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'], { query: '?raw', import: 'default', eager: true })

/**
 * Files that still name vendors, each with why. The list may only shrink: a file that gets clean
 * must leave it (the test below fails while it is listed).
 */
const NOT_YET_FOLDED: Record<string, string> = {}

/** The registry: the only file outside the vendors' folders that names them. */
const REGISTRY = ['vendors/index.ts']

/** Source without comments; string contents stay (a URL's `//` is not a comment). */
function code(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
}

/** The words of identifiers and strings: `personaRoutes` → persona, routes; `PERSONA_API_KEY` → persona, api, key. */
function words(text: string): Set<string> {
  return new Set((text.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((w) => w.toLowerCase()))
}

/** The vendors a file names outside its own folder: `[]` for a vendor folder naming only itself. */
function vendorsNamedIn(path: string, source: string): string[] {
  const own = /^vendors\/([^/]+)\//.exec(path)?.[1]
  const found = words(code(source))
  return VENDOR_NAMES.filter((name) => name !== own && found.has(name))
}

/** A glob key as a path under src/ (the glob names this folder's own files `./…`). */
const relative = (key: string) => key.replace(/^\.\//, 'vendors/').replace(/^\.\.\//, '')
const paths = Object.keys(SOURCES).map(relative)

describe('a vendor lives in its folder', () => {
  it('sees the extension sources, not their tests (the glob is not empty)', () => {
    expect(paths).toContain('vendors/index.ts')
    expect(paths).toContain('entrypoints/inline-lookups.content/LookupCard.tsx')
    expect(paths.filter((p) => p.includes('.test.'))).toEqual([])
    expect(paths.length).toBeGreaterThan(150)
  })

  it('names no vendor in extension code outside its folder and the registry', () => {
    const offenders = Object.entries(SOURCES)
      .map(([key, source]) => [relative(key), vendorsNamedIn(relative(key), source)] as const)
      .filter(([path, names]) => names.length > 0 && !REGISTRY.includes(path) && !(path in NOT_YET_FOLDED))
      .map(([path, names]) => `${path}: ${names.join(', ')}`)
    expect(offenders).toEqual([])
  })

  it('lists only files that still name a vendor (the list only shrinks)', () => {
    const named = new Map(Object.entries(SOURCES).map(([key, source]) => [relative(key), vendorsNamedIn(relative(key), source)]))
    expect(Object.keys(NOT_YET_FOLDED).filter((path) => !(named.get(path)?.length ?? 0))).toEqual([])
  })

  it('catches a name in code and lets prose through', () => {
    expect(vendorsNamedIn('stores/x.ts', "send('getRecord', { kind: 'deepidv-session', id })")).toEqual(['deepidv'])
    expect(vendorsNamedIn('stores/x.ts', "import type { PersonaInquiry } from '@idv-lens/shared/api'")).toEqual(['persona'])
    expect(vendorsNamedIn('components/x.tsx', "import { Row } from '../vendors/stripe/Row.tsx'")).toEqual(['stripe'])
    expect(vendorsNamedIn('lib/x.ts', "t('tabDeepidv')")).toEqual(['deepidv'])
    expect(vendorsNamedIn('lib/x.ts', "const url = 'https://app.withpersona.com' // Persona")).toEqual([])
    expect(vendorsNamedIn('lib/x.ts', '// Persona and deepidv\n/** stripe */ const personalData = 1')).toEqual([])
    expect(vendorsNamedIn('vendors/persona/x.ts', "const base = 'persona'")).toEqual([])
    expect(vendorsNamedIn('vendors/persona/x.ts', "const other = 'deepidv'")).toEqual(['deepidv'])
  })
})

describe('the registry', () => {
  it('has one vendor per name, each with its own folder and object', () => {
    expect(Object.keys(VENDORS)).toEqual([...VENDOR_NAMES])
    for (const name of VENDOR_NAMES) {
      expect(VENDORS[name].name).toBe(name)
      expect(paths).toContain(`vendors/${name}/${name}.ts`)
    }
  })

  it('finds each registered vendor\'s rows, details, tones and replies by folder, and no folder it does not register', () => {
    for (const parts of [VENDOR_ROWS, VENDOR_DETAILS, vendorTones(), vendorReplies()]) expect(Object.keys(parts).sort()).toEqual([...VENDOR_NAMES].sort())
  })

  it('gives every list a key of its own, and every list with a tab a row', () => {
    const keys = LISTS.map((list) => list.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const list of LISTS.filter((l) => l.tab !== null)) expect(Object.values(VENDOR_ROWS).some((rows) => rows[list.key]?.Row), list.key).toBe(true)
  })

  it('shows a detail only of a kind its vendor reads', () => {
    for (const [name, details] of Object.entries(VENDOR_DETAILS)) {
      for (const kind of Object.keys(details)) expect(VENDORS[name as keyof typeof VENDORS].records, kind).toHaveProperty([kind])
    }
  })
})
