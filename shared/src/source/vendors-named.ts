import { VENDOR_NAMES, type VendorName } from '../api/vendor-name.ts'

export { termBoundary, termsNamedIn } from './terms-named.ts'

/*
What the vendor boundary tests of the worker and the extension read (each package's
vendor-boundary.test.ts): which vendors a source file names in code. A name counts as a word of an
identifier or string (`personaRoutes`, `'/v1/deepidv'`, an import path), case-insensitively; not in
comments, and not in longer words that merely start with one (`personal`).
*/

/** Source without comments; string contents stay (a URL's `//` is not a comment). */
function code(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
}

/** The words of identifiers and strings: `personaRoutes` → persona, routes; `PERSONA_API_KEY` → persona, api, key. */
function words(text: string): Set<string> {
  return new Set((text.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((w) => w.toLowerCase()))
}

/** The vendors a file at `path` (under its package's src/) names outside its own folder, `vendors/<name>/`. */
export function vendorsNamedIn(path: string, source: string): VendorName[] {
  const own = /^vendors\/([^/]+)\//.exec(path)?.[1]
  const found = words(code(source))
  return VENDOR_NAMES.filter((name) => name !== own && found.has(name))
}

/**
 * A package's vendor boundary (`sources` by path under its src/): the files outside their vendor's
 * folder and the registry that name a vendor, and the listed exceptions that no longer do (the list
 * of exceptions may only shrink).
 */
export function vendorBoundary(
  sources: Readonly<Record<string, string>>,
  options: { registry: readonly string[]; notYetFolded: Readonly<Record<string, string>> },
): { offenders: string[]; stale: string[] } {
  const named = new Map(Object.entries(sources).map(([path, source]) => [path, vendorsNamedIn(path, source)]))
  const offenders = [...named]
    .filter(([path, names]) => names.length > 0 && !options.registry.includes(path) && !(path in options.notYetFolded))
    .map(([path, names]) => `${path}: ${names.join(', ')}`)
  const stale = Object.keys(options.notYetFolded).filter((path) => !(named.get(path)?.length ?? 0))
  return { offenders, stale }
}
