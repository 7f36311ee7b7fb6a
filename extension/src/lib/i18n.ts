import { browser } from '#imports'
import type en from '../../public/_locales/en/messages.json'

/**
 * Every user-visible string goes through here: the browser's own i18n (`_locales/<lang>/messages.json`,
 * English the default locale), so the extension speaks the browser's language with no setting and
 * content scripts get the same words. Keys are typed from the English file: a missing key is a
 * compile error, and i18n.test.ts keeps every other locale's keys and placeholders equal to English.
 * Glossary and how to add a language: extension/TRANSLATING.md.
 */
export type MessageKey = keyof typeof en | keyof VendorMessageKeys

/**
 * The keys of the words a vendor folder holds (src/vendors/<name>/_locales, joined into the catalogues
 * at build time): each vendor's main module declares its own into this interface.
 */
export interface VendorMessageKeys {}

/** Keys with plural forms (`<base>_one`, `<base>_other`); the count is always the first substitution. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}_other` ? B : never) : never

export type Sub = string | number

/**
 * The language for Intl: the one our words are in (the locale the browser picked messages.json
 * from), refined by the browser's region when they agree (`de` + `de-AT` → `de-AT`). Dates and
 * numbers never come in another language than the sentence around them: a French browser gets
 * English words (no `fr` messages yet), so English times too. Chromium started with `--lang=de`
 * picks German messages while `getUILanguage()` still says `en-US`.
 */
export function uiLanguage(): string {
  const words = t('htmlLang')
  const browserLanguage = browser.i18n.getUILanguage()
  return browserLanguage.toLowerCase().split('-')[0] === words.toLowerCase() ? browserLanguage : words
}

/** The message for `key`, its `$1`…`$9` filled from `subs` (numbers formatted for the UI language). */
export function t(key: MessageKey, ...subs: Sub[]): string {
  // Typed by MessageKey from messages.json itself: WXT's generated overloads lag behind until `wxt prepare`.
  const i18n = browser.i18n as { getMessage(name: string, substitutions?: string[]): string }
  const text = i18n.getMessage(
    key,
    subs.map((s) => (typeof s === 'number' ? formatNumber(s) : s)),
  )
  // An empty answer means the key is missing from every locale: show the key, never a blank.
  return text || key
}

/** The message for a key made at run time (a vendor value), or null when no locale has one. */
export function lookupMessage(name: string): string | null {
  const i18n = browser.i18n as { getMessage(name: string): string }
  return i18n.getMessage(name) || null
}

/**
 * Languages in which a whole number from 0 to 999 is written as its plain digits and only 1 takes
 * the singular (CLDR: en and de, every region). Such counts skip Intl: a frame's first
 * Intl.NumberFormat costs about 30 ms (ICU's number data), and the launcher's count would pay it on
 * every ticket load. A language added with other digits or plural rules is simply not in this set.
 */
const PLAIN_SMALL_COUNTS = new Set(['en', 'de'])
const isPlainSmallCount = (lang: string, value: number) =>
  Number.isInteger(value) && value >= 0 && value < 1000 && PLAIN_SMALL_COUNTS.has(lang.toLowerCase().split('-')[0]!)

const pluralRules = new Map<string, Intl.PluralRules>()

/** "1 ID" / "5 IDs", "1 Treffer" / "5 Treffer": the plural form the UI language's rules pick for `count`. */
export function tn(base: PluralKey, count: number, ...subs: Sub[]): string {
  const lang = uiLanguage()
  let one = count === 1
  if (!isPlainSmallCount(lang, count)) {
    let rules = pluralRules.get(lang)
    if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)))
    one = rules.select(count) === 'one'
  }
  // English and German need only one/other; a language with more forms adds keys and this line.
  const key = `${base}_${one ? 'one' : 'other'}` as MessageKey
  return t(key, count, ...subs)
}

const numberFormats = new Map<string, Intl.NumberFormat>()

/** 1,234 / 1.234 */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  const lang = uiLanguage()
  if (!options && isPlainSmallCount(lang, value)) return String(value)
  const id = `${lang}|${JSON.stringify(options ?? {})}`
  let format = numberFormats.get(id)
  if (!format) numberFormats.set(id, (format = new Intl.NumberFormat(lang, options)))
  return format.format(value)
}
