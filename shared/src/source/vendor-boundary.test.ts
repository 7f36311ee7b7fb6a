import { describe, expect, it } from 'vitest'
import { VENDOR_NAMES } from '../api/vendor-name.ts'
import { ID_REGISTRY } from '../vendors/id-registry.ts'
import { VENDOR_REGISTRY } from '../vendors/registry.ts'
import { termBoundary, vendorBoundary } from './vendors-named.ts'

/**
 * A vendor is a folder (shared/src/vendors/<name>/) and its lines in the registry (the files beside
 * those folders), as in the relay and the extension (their vendor-boundary tests). Shared code anywhere
 * else never names a vendor, one of its ID kinds or prefixes, or one of its actions: the cores derive
 * their tables from the registry. Tests may: their fixtures are real vendors' records.
 */
declare global {
  interface ImportMeta {
    glob(pattern: string[], options: { query: '?raw'; import: 'default'; eager: true }): Record<string, unknown>
  }
}

const SOURCES = import.meta.glob(['../**/*.ts', '!../**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>

/** The registry: the only files outside the vendors' folders that name them. */
const REGISTRY = ['vendors/id-registry.ts', 'vendors/registry.ts', 'vendors/wire.ts']

/** A glob key as a path under src/ (the glob names this folder's own files `./…`). */
const relative = (key: string) => key.replace(/^\.\//, 'source/').replace(/^\.\.\//, '')
const sources = Object.fromEntries(Object.entries(SOURCES).map(([key, source]) => [relative(key), source]))

describe('a vendor lives in its folder', () => {
  it('sees the shared sources, not their tests (the glob is not empty)', () => {
    expect(Object.keys(sources)).toEqual(expect.arrayContaining(['vendors/registry.ts', 'ids/patterns.ts', 'source/vendors-named.ts']))
    expect(Object.keys(sources).filter((p) => p.includes('.test.'))).toEqual([])
    expect(Object.keys(sources).filter((path) => !path.startsWith('vendors/')).length).toBeGreaterThan(20)
  })

  it('names no vendor in shared code outside its folder and the registry', () => {
    expect(vendorBoundary(sources, { registry: REGISTRY, notYetFolded: {} }).offenders).toEqual([])
  })

  it("names no vendor's ID kind, prefix, kind noun or action outside its folder (terms from the registry)", () => {
    expect(termBoundary(sources, { registry: REGISTRY, notYetFolded: {} })).toEqual({ offenders: [], stale: [] })
  })

  it('has one registry entry per vendor, in the same order in both halves, each with its own folder', () => {
    expect(VENDOR_REGISTRY.map((v) => v.ids)).toEqual([...ID_REGISTRY])
    for (const name of VENDOR_NAMES) expect(Object.keys(sources)).toContain(`vendors/${name}/vendor.ts`)
  })
})
