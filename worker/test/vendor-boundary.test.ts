import { ACTION_NAMES, VENDOR_NAMES } from '@idv-lens/shared/api'
import { termBoundary, vendorBoundary } from '@idv-lens/shared/source'
import { describe, expect, it } from 'vitest'
import { readdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { VENDOR_CONTRACTS, VENDORS } from '../src/vendors/index.ts'
import { VENDOR_ROUTERS } from '../src/vendors/routers.ts'

/*
 * A vendor is a folder (worker/src/vendors/<name>/) and its lines in the registry (vendors/index.ts,
 * vendors/routers.ts). Worker code anywhere else never names one, so adding a vendor never means hunting
 * for the places that list the others (docs/adding-a-vendor.md). A name counts as a word of an identifier
 * or string (`personaRoutes`, `'/v1/deepidv'`), case-insensitively; not in comments, and not in longer
 * words that merely start with one (`personal`).
 */
// Vite's import.meta.glob (vitest transforms it), typed here for the one form used: the sources as text.
declare global {
  interface ImportMeta {
    glob(pattern: string, options: { query: '?raw'; import: 'default'; eager: true }): Record<string, unknown>
  }
}

const SOURCES = import.meta.glob('../src/**/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

/**
 * Files that still name vendors, each with why. The list may only shrink: a file that gets clean
 * should leave it (the test below fails while it is listed). Empty now: a new vendor's name belongs
 * in its folder and the registry only.
 */
const NOT_YET_FOLDED: Record<string, string> = {}

/**
 * The registry: the vendors by name (index.ts), and their routers by name (routers.ts, apart
 * because a router reaches index.ts back through the relay). The only files outside the vendors'
 * folders that name them.
 */
const REGISTRY = ['vendors/index.ts', 'vendors/routers.ts']

const relative = (key: string) => key.replace(/^\.\.\/src\//, '')
const boundary = () =>
  vendorBoundary(Object.fromEntries(Object.entries(SOURCES).map(([key, source]) => [relative(key), source])), {
    registry: REGISTRY,
    notYetFolded: NOT_YET_FOLDED,
  })

describe('a vendor lives in its folder', () => {
  it('sees the worker sources (the glob is not empty)', () => {
    expect(Object.keys(SOURCES).map(relative)).toContain('vendors/index.ts')
    expect(Object.keys(SOURCES).length).toBeGreaterThan(50)
  })

  it('names no vendor in worker code outside its folder and the registry', () => {
    expect(boundary().offenders).toEqual([])
  })

  it('lists only files that still name a vendor (the list only shrinks)', () => {
    expect(boundary().stale).toEqual([])
  })

  it('has one registry entry per vendor name, each with its own folder', () => {
    expect(Object.keys(VENDORS)).toEqual([...VENDOR_NAMES])
    expect(Object.keys(VENDOR_ROUTERS)).toEqual([...VENDOR_NAMES])
    expect(Object.keys(VENDOR_CONTRACTS)).toEqual([...VENDOR_NAMES])
    for (const name of VENDOR_NAMES) {
      expect(VENDORS[name].name).toBe(name)
      expect(Object.keys(SOURCES).map(relative)).toContain(`vendors/${name}/vendor.ts`)
    }
  })
})

/** Files that still name one, each with why (the list only shrinks). */
const TERMS_NOT_YET_FOLDED: Record<string, string> = {
  'audit/entry.ts': "a lookup's ID parameters the audit reads (filter[inquiry-id]); not an action",
  'gate/action-guards.ts': "the day's counts' first table name (one_time_links), moved once to its generic one",
  'config/parse.ts':
    "FLAGGED_ESCALATION, the flagged-escalation action's variable: the registry has no per-vendor variables for actions yet",
  'contract/schemas.ts': "/v1/me's flagged escalation, described by that variable's name",
}
/**
 * A vendor's terms (shared/src/source/terms-named.ts: its ID kinds and prefixes, the nouns of its kinds,
 * its actions and their routes, all from the registry): outside the vendors' folders no code names one,
 * in identifiers or strings; comments may.
 */
const terms = () =>
  termBoundary(Object.fromEntries(Object.entries(SOURCES).map(([key, source]) => [relative(key), source])), {
    registry: REGISTRY,
    notYetFolded: TERMS_NOT_YET_FOLDED,
  })

describe("a vendor's terms live in its folder", () => {
  it("names no vendor's ID kind, kind noun or action in worker code outside its folder", () => {
    expect(terms().offenders).toEqual([])
  })

  it('lists only files that still name one (the list only shrinks)', () => {
    expect(terms().stale).toEqual([])
  })

  it('has each action declared by one vendor, with its routes', () => {
    const declared = Object.values(VENDORS).flatMap((vendor) => vendor.actions.map((action) => action.key))
    expect([...declared].sort()).toEqual([...ACTION_NAMES].sort())
    for (const vendor of Object.values(VENDORS)) for (const action of vendor.actions) expect(action.routes.length).toBeGreaterThan(0)
  })
})

/**
 * Test files under test/ named after one vendor, each still to move to its folder (the list only
 * shrinks). A vendor's own tests live beside its sources (vitest.config.ts: `*.workerd.test.ts` there).
 */
const TESTS_NOT_YET_MOVED: string[] = []

describe("a vendor's tests live in its folder", () => {
  const tests = readdirSync(dirname(fileURLToPath(import.meta.url))).filter((file) => file.endsWith('.test.ts'))
  const named = tests.filter((file) => VENDOR_NAMES.some((name) => file.startsWith(`${name}-`) || file.startsWith(`${name}.`)))

  it('has no test under test/ named after a vendor but those still to move', () => {
    expect(tests.length).toBeGreaterThan(20)
    expect(named.filter((file) => !TESTS_NOT_YET_MOVED.includes(file))).toEqual([])
  })

  it('lists only tests still under test/ (the list only shrinks)', () => {
    expect(TESTS_NOT_YET_MOVED.filter((file) => !tests.includes(file))).toEqual([])
  })
})
