import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** A catalogue as the browser reads it (`_locales/<lang>/messages.json`). */
export type Catalog = Record<string, { message: string; description?: string; placeholders?: Record<string, { content: string }> }>

const read = (path: string): Catalog => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Catalog) : {})
const folders = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)

/** One vendor's words per language, each language holding every key the others have, none of them taken. */
function addVendorWords(catalogs: Record<string, Catalog>, vendor: string, dir: string): void {
  const langs = Object.keys(catalogs)
  const extra = folders(dir).filter((lang) => !langs.includes(lang))
  if (extra.length) throw new Error(`src/vendors/${vendor}/_locales: no catalogue of the extension's is in ${extra.join(', ')}`)
  const words = Object.fromEntries(langs.map((lang) => [lang, read(join(dir, lang, 'messages.json'))]))
  const keys = [...new Set(Object.values(words).flatMap((catalog) => Object.keys(catalog)))]
  for (const lang of langs) {
    const missing = keys.filter((key) => !(key in words[lang]!))
    if (missing.length) throw new Error(`src/vendors/${vendor}/_locales/${lang}/messages.json lacks ${missing.join(', ')}`)
    const taken = keys.filter((key) => key in catalogs[lang]!)
    if (taken.length) throw new Error(`src/vendors/${vendor}/_locales/${lang}: ${taken.join(', ')} named elsewhere already`)
    Object.assign(catalogs[lang]!, words[lang])
  }
}

/**
 * The browser's catalogues: public/_locales/<lang>/messages.json with each vendor folder's own words
 * (src/vendors/<name>/_locales/<lang>/messages.json) added, as the build writes them (wxt.config.ts)
 * and the tests read them. A vendor's word missing in one language, or a key named twice, throws.
 */
export function localeCatalogs(extensionRoot: string): Record<string, Catalog> {
  const central = join(extensionRoot, 'public/_locales')
  const catalogs = Object.fromEntries(folders(central).map((lang) => [lang, read(join(central, lang, 'messages.json'))]))
  const vendors = join(extensionRoot, 'src/vendors')
  for (const vendor of folders(vendors)) {
    if (existsSync(join(vendors, vendor, '_locales'))) addVendorWords(catalogs, vendor, join(vendors, vendor, '_locales'))
  }
  return catalogs
}
