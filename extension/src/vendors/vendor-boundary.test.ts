import { ACTION_NAMES, VENDOR_NAMES } from '@idv-lens/shared/api'
import { termBoundary, vendorBoundary } from '@idv-lens/shared/source'
import { describe, expect, it } from 'vitest'
import { ACTIONS, LISTS, VENDORS } from './index.ts'
import { vendorTones } from './tones.ts'
import { VENDOR_DETAILS } from './details.ts'
import { VENDOR_ROWS } from './rows.ts'

/**
 * A vendor is a folder (extension/src/vendors/<name>/) and its line in the registry (vendors/index.ts),
 * as in the relay (worker/test/vendor-boundary.test.ts; both read names with @idv-lens/shared/source).
 * Extension code anywhere else never names a vendor. Tests may name vendors: their fixtures are real
 * vendors' records. Locale files are data, not code.
 */
const SOURCES = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'], {
  query: '?raw',
  import: 'default',
  eager: true,
})

/**
 * Files that still name vendors, each with why. The list may only shrink: a file that gets clean
 * must leave it (the test below fails while it is listed).
 */
const NOT_YET_FOLDED: Record<string, string> = {}

/** The registry: the only file outside the vendors' folders that names them. */
const REGISTRY = ['vendors/index.ts']

/** A glob key as a path under src/ (the glob names this folder's own files `./…`). */
const relative = (key: string) => key.replace(/^\.\//, 'vendors/').replace(/^\.\.\//, '')
const paths = Object.keys(SOURCES).map(relative)
const boundary = () =>
  vendorBoundary(Object.fromEntries(Object.entries(SOURCES).map(([key, source]) => [relative(key), source])), {
    registry: REGISTRY,
    notYetFolded: NOT_YET_FOLDED,
  })

describe('a vendor lives in its folder', () => {
  it('sees the extension sources, not their tests (the glob is not empty)', () => {
    expect(paths).toContain('vendors/index.ts')
    expect(paths).toContain('entrypoints/inline-lookups.content/LookupCard.tsx')
    expect(paths.filter((p) => p.includes('.test.'))).toEqual([])
    expect(paths.length).toBeGreaterThan(150)
  })

  it('names no vendor in extension code outside its folder and the registry', () => {
    expect(boundary().offenders).toEqual([])
  })

  it('lists only files that still name a vendor (the list only shrinks)', () => {
    expect(boundary().stale).toEqual([])
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

  it("finds each registered vendor's rows, details, and tones by folder, and no folder it does not register", () => {
    for (const parts of [VENDOR_ROWS, VENDOR_DETAILS, vendorTones()]) expect(Object.keys(parts).sort()).toEqual([...VENDOR_NAMES].sort())
  })

  it('gives every list a key of its own, and every list with a tab a row', () => {
    const keys = LISTS.map((list) => list.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const list of LISTS.filter((l) => l.tab !== null))
      expect(
        Object.values(VENDOR_ROWS).some((rows) => rows[list.key]?.Row),
        list.key,
      ).toBe(true)
  })

  it('shows a detail only of a kind its vendor reads', () => {
    for (const [name, details] of Object.entries(VENDOR_DETAILS)) {
      for (const kind of Object.keys(details)) expect(VENDORS[name as keyof typeof VENDORS].records, kind).toHaveProperty([kind])
    }
  })
})

/** Files that still name one, each with why; none is about an action (the list only shrinks). */
const TERMS_NOT_YET_FOLDED: Record<string, string> = {
  'lib/managed-policy.ts': "policy's `inquiryTags` key, a public name admins write (public/managed_schema.json)",
  'lib/card-fields.ts': "the card's `inquiry` field, a key of policy's `cardFields`",
  'entrypoints/options/CardFieldsPicker.tsx': "the options page's label of that card field",
  'entrypoints/popup/first-paint.ts': "the popup's first-paint snapshot key, the registry's list key `inquiries`",
}
/**
 * A vendor's terms (shared/src/source/terms-named.ts: its ID kinds and prefixes, the nouns of its kinds,
 * its actions and their routes, all from the registry): outside the vendors' folders no code names one,
 * in identifiers or strings; comments may. Locale files are data: a message key naming one is used
 * from its folder only.
 */
const terms = () =>
  termBoundary(Object.fromEntries(Object.entries(SOURCES).map(([key, source]) => [relative(key), source])), {
    registry: REGISTRY,
    notYetFolded: TERMS_NOT_YET_FOLDED,
  })

describe("a vendor's terms live in its folder", () => {
  it("names no vendor's ID kind, kind noun or action in extension code outside its folder", () => {
    expect(terms().offenders).toEqual([])
  })

  it('lists only files that still name one (the list only shrinks)', () => {
    expect(terms().stale).toEqual([])
  })

  it('has each action the relay may offer declared by one vendor, and each card button for its own actions', () => {
    expect(ACTIONS.map((action) => action.key).sort()).toEqual([...ACTION_NAMES].sort())
    for (const vendor of Object.values(VENDORS)) {
      const own = (vendor.actions ?? []).map((action) => action.key)
      for (const button of vendor.actionButtons ?? []) expect(own, button.testId).toEqual(expect.arrayContaining([...button.actions]))
    }
  })
})
