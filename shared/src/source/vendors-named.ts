import { VENDOR_NAMES, type VendorName } from '../api/vendor-name.ts'

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
