import { VENDOR_REGISTRY } from '../vendors/registry.ts'

/*
A vendor's concepts, as the boundary tests look for them outside its folders (each package's
vendor-boundary.test.ts): its ID kinds and their prefixes, the nouns of its kinds (`inquiry`,
`workflow-run`), its actions (`one-time-link`, as ACTIONS names them) and its writes' route segments
(`/generate-one-time-link`). All derived from the registry, so a new vendor is checked as it is registered.
*/

/** Words that are the cores' own as well as a vendor's: a record, a live event, a review case and its status, a session. */
const CORE_WORDS = new Set(['record', 'event', 'session', 'case', 'status'])

/** One thing a vendor owns, and a pattern that finds it in code (comments stripped). */
export type VendorTerm = { vendor: string; term: string; pattern: RegExp }

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)

/** `one-time-link` as code writes it: kebab, snake, camel, Pascal and constant case. */
function spellings(words: readonly string[]): string[] {
  const camel = words.map((w, i) => (i ? capital(w) : w)).join('')
  return [words.join('-'), words.join('_'), camel, capital(camel), words.join('_').toUpperCase()]
}

/** A term in every spelling, as a whole word of code; one made of the cores' words only as a whole string. */
function termPattern(term: string): RegExp {
  const words = term.split('-')
  if (words.every((w) => CORE_WORDS.has(w))) return new RegExp(`['"\`]${escape(term)}['"\`]`)
  if (words.length === 1) return new RegExp(`['"\`]${escape(term)}['"\`]`)
  return new RegExp(`(?<![A-Za-z0-9])(${spellings(words).map(escape).join('|')})(S|s)?(?![a-z0-9])`)
}

/** A one-word noun as a word of an identifier or a string, singular or plural (`inquiry`, `listInquiries`). */
function nounPattern(noun: string): RegExp {
  const plural = noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`
  const lower = [noun, plural, noun.toUpperCase(), plural.toUpperCase()]
  return new RegExp(`(?<![a-z])(${lower.join('|')})(?![a-z])|(${capital(noun)}|${capital(plural)})(?![a-z])`)
}

/** Every vendor's terms, from the registry. */
export function vendorTerms(): VendorTerm[] {
  return VENDOR_REGISTRY.flatMap(({ ids, actions, actionKinds }): VendorTerm[] => {
    const vendor = ids.name
    const of = (term: string, pattern: RegExp): VendorTerm => ({ vendor, term, pattern })
    const kinds = ids.kinds.flatMap((k): VendorTerm[] => {
      const noun = k.kind.startsWith(`${vendor}-`) ? k.kind.slice(vendor.length + 1) : k.kind
      const nouns = noun.includes('-') ? [of(noun, termPattern(noun))] : CORE_WORDS.has(noun) ? [] : [of(noun, nounPattern(noun))]
      const prefix = k.prefix === null ? [] : [of(k.prefix, new RegExp(`(?<![A-Za-z0-9_])${escape(k.prefix)}`))]
      return [of(k.kind, termPattern(k.kind)), ...nouns, ...prefix]
    })
    const named = actions.map((a) => of(a.name, termPattern(a.name)))
    const routes = actionKinds.map((kind) => of(`/${kind}`, new RegExp(`/${escape(kind)}(?=['"\`/?])`)))
    return [...kinds, ...named, ...routes]
  })
}

/** Source without comments; string contents stay (a URL's `//` is not a comment). */
const code = (source: string) =>
  source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')

/**
 * Where a file at `path` (under its package's src/) names a vendor's term: `path:line: term`. Vendors'
 * folders may name any: vendors share words (Onfido's runs have tags; Persona has workflows too).
 */
export function termsNamedIn(path: string, source: string, terms: readonly VendorTerm[] = vendorTerms()): string[] {
  if (/^vendors\/[^/]+\//.test(path)) return []
  const lines = code(source).split('\n')
  return terms.flatMap((t) => lines.flatMap((line, i) => (t.pattern.test(line) ? [`${path}:${i + 1}: ${t.term}`] : [])))
}

/**
 * A package's term boundary, as vendorBoundary for names: each place outside the vendors' folders and
 * the registry that names a vendor's term, and the listed exceptions (by path) that no longer do.
 */
export function termBoundary(
  sources: Readonly<Record<string, string>>,
  options: { registry: readonly string[]; notYetFolded: Readonly<Record<string, string>> },
): { offenders: string[]; stale: string[] } {
  const terms = vendorTerms()
  const named = new Map(
    Object.entries(sources).map(([path, source]) => [path, options.registry.includes(path) ? [] : termsNamedIn(path, source, terms)]),
  )
  const offenders = [...named].filter(([path]) => !(path in options.notYetFolded)).flatMap(([, places]) => places)
  const stale = Object.keys(options.notYetFolded).filter((path) => !(named.get(path)?.length ?? 0))
  return { offenders, stale }
}
