import { VENDOR_NAMES } from '@idv-lens/shared/api'
import { describe, expect, it } from 'vitest'
import { VENDOR_CONTRACTS, VENDORS } from '../src/vendors/index.ts'
import { VENDOR_ROUTERS } from '../src/vendors/routers.ts'

/**
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

const relative = (key: string) => key.replace(/^\.\.\/src\//, '')

describe('a vendor lives in its folder', () => {
  it('sees the worker sources (the glob is not empty)', () => {
    expect(Object.keys(SOURCES).map(relative)).toContain('vendors/index.ts')
    expect(Object.keys(SOURCES).length).toBeGreaterThan(50)
  })

  it('names no vendor in worker code outside its folder and the registry', () => {
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
    expect(vendorsNamedIn('routes/x.ts', "const a = c.get('config').upstream.deepidv")).toEqual(['deepidv'])
    expect(vendorsNamedIn('routes/x.ts', 'import { personaRoutes } from "./y.ts"')).toEqual(['persona'])
    expect(vendorsNamedIn('routes/x.ts', 'read(`PERSONA_API_KEY`)')).toEqual(['persona'])
    expect(vendorsNamedIn('routes/x.ts', "const url = 'https://api.deepidv.com/v1' // deepidv")).toEqual(['deepidv'])
    expect(vendorsNamedIn('routes/x.ts', '// Persona and deepidv\n/** persona */ const personalData = 1')).toEqual([])
    expect(vendorsNamedIn('vendors/persona/x.ts', "const base = 'persona'")).toEqual([])
    expect(vendorsNamedIn('vendors/persona/x.ts', "const other = 'deepidv'")).toEqual(['deepidv'])
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
