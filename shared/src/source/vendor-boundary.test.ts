import { describe, expect, it } from 'vitest'
import { VENDOR_NAMES } from '../api/vendor-name.ts'
import { ID_REGISTRY } from '../vendors/id-registry.ts'
import { VENDOR_REGISTRY } from '../vendors/registry.ts'
import type { KindIds } from '../vendors/vendor-ids.ts'
import { vendorBoundary } from './vendors-named.ts'

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

const SOURCES = import.meta.glob(['../**/*.ts', '!../**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>

/** The registry: the only files outside the vendors' folders that name them. */
const REGISTRY = ['vendors/id-registry.ts', 'vendors/registry.ts', 'vendors/wire.ts']

/** A glob key as a path under src/ (the glob names this folder's own files `./…`). */
const relative = (key: string) => key.replace(/^\.\//, 'source/').replace(/^\.\.\//, '')
const sources = Object.fromEntries(Object.entries(SOURCES).map(([key, source]) => [relative(key), source]))
const outside = Object.entries(sources).filter(([path]) => !path.startsWith('vendors/'))
const codeOf = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The files outside vendors/ whose code holds `term` where `pattern` finds it. */
const naming = (pattern: (term: string) => RegExp, terms: readonly string[]) =>
  outside.flatMap(([path, source]) => terms.filter((term) => pattern(term).test(codeOf(source))).map((term) => `${path}: ${term}`))

describe('a vendor lives in its folder', () => {
  it('sees the shared sources, not their tests (the glob is not empty)', () => {
    expect(Object.keys(sources)).toEqual(expect.arrayContaining(['vendors/registry.ts', 'ids/patterns.ts', 'source/vendors-named.ts']))
    expect(Object.keys(sources).filter((p) => p.includes('.test.'))).toEqual([])
    expect(outside.length).toBeGreaterThan(20)
  })

  it('names no vendor in shared code outside its folder and the registry', () => {
    expect(vendorBoundary(sources, { registry: REGISTRY, notYetFolded: {} }).offenders).toEqual([])
  })

  it("names no vendor's ID kind or prefix outside its folder", () => {
    const kinds: readonly KindIds[] = ID_REGISTRY.flatMap((v): readonly KindIds[] => v.kinds)
    expect(naming((kind) => new RegExp(`['"\`/]${escape(kind)}\\b`), kinds.map((k) => k.kind))).toEqual([])
    const prefixes = kinds.flatMap((k) => (k.prefix === null ? [] : [k.prefix]))
    expect(naming((prefix) => new RegExp(`(?<![A-Za-z0-9_])${escape(prefix)}`), prefixes)).toEqual([])
  })

  it("names no vendor's action or action kind outside its folder", () => {
    const actions = VENDOR_REGISTRY.flatMap((v) => [...v.actions.map((a) => a.name), ...v.actionKinds])
    expect(actions.length).toBeGreaterThan(0)
    expect(naming((action) => new RegExp(`['"\`/]${escape(action)}['"\`]`), actions)).toEqual([])
  })

  it('has one registry entry per vendor, in the same order in both halves, each with its own folder', () => {
    expect(VENDOR_REGISTRY.map((v) => v.ids)).toEqual([...ID_REGISTRY])
    for (const name of VENDOR_NAMES) expect(Object.keys(sources)).toContain(`vendors/${name}/vendor.ts`)
  })
})
