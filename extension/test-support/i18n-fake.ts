import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fakeBrowser } from 'wxt/testing/fake-browser'
import { localeCatalogs, type Catalog } from '../src/build/vendor-locales.ts'

/**
 * WXT's fake browser has no i18n: tests get Chrome's `getMessage` over the built catalogues
 * (named placeholders whose content is `$1`…`$9`, `$$` for a dollar), English unless a test picks
 * another locale with `useLocale`. Loaded for every test file (vitest.config.ts setupFiles).
 */
export const CATALOGS: Record<string, Catalog> = localeCatalogs(join(dirname(fileURLToPath(import.meta.url)), '..'))
const en = CATALOGS.en!

let locale = 'en'
let browserLanguage: string | undefined

export function getMessage(catalog: Catalog, key: string, subs: string | string[] = []): string {
  const entry = catalog[key] ?? en[key]
  if (!entry) return ''
  const values = Array.isArray(subs) ? subs : [subs]
  const fill = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => values[Number(n) - 1] ?? '')
  return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$/g, (whole, name?: string) => {
    if (!name) return '$'
    const placeholder = Object.entries(entry.placeholders ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())
    return placeholder ? fill(placeholder[1].content) : whole
  })
}

/**
 * Switches the fake browser's UI language (and so its messages) until the next call; `uiLanguage`
 * makes `getUILanguage()` say something else, as Chromium started with `--lang` does.
 */
export function useLocale(lang: string, uiLanguage?: string): void {
  locale = lang
  browserLanguage = uiLanguage
}

Object.assign(fakeBrowser.i18n, {
  getMessage: (key: string, subs?: string | string[]) => getMessage(CATALOGS[locale.split('-')[0]!] ?? en, key, subs),
  getUILanguage: () => browserLanguage ?? locale,
})
