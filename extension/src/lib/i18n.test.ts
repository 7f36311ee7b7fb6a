import { readdirSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { useLocale } from '../../test-support/i18n-fake.ts'
import { formatNumber, t, tn, uiLanguage } from './i18n.ts'

type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>
const LOCALES = new URL('../../public/_locales/', import.meta.url)
const read = (lang: string): Catalog => JSON.parse(readFileSync(new URL(`${lang}/messages.json`, LOCALES), 'utf8')) as Catalog
const languages = readdirSync(LOCALES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
const en = read('en')

/** What a message substitutes: its named placeholders with their `$n`, and any `$n` used directly. */
function slots(entry: Catalog[string]): string[] {
  const named = [...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase())
  const contents = Object.entries(entry.placeholders ?? {}).map(([name, p]) => `${name.toLowerCase()}=${p.content}`)
  const direct = [...entry.message.replace(/\$\$/g, '').matchAll(/\$(\d)/g)].map((m) => `$${m[1]}`)
  return [...new Set([...named, ...contents, ...direct])].sort()
}

afterEach(() => useLocale('en'))

describe('locales', () => {
  it('should have English and German at least', () => {
    expect(languages).toEqual(expect.arrayContaining(['en', 'de']))
  })

  it.each(languages.filter((l) => l !== 'en'))('%s should have exactly the keys English has', (lang) => {
    const other = read(lang)
    const missing = Object.keys(en).filter((k) => !(k in other))
    const extra = Object.keys(other).filter((k) => !(k in en))
    expect({ missing, extra }, `Translate the missing keys in _locales/${lang}/messages.json; drop the extra ones`).toEqual({
      missing: [],
      extra: [],
    })
  })

  it.each(languages.filter((l) => l !== 'en'))('%s should substitute the same placeholders as English in every message', (lang) => {
    const other = read(lang)
    const differ = Object.keys(en).filter((k) => other[k] && slots(other[k]!).join() !== slots(en[k]!).join())
    expect(differ, 'these messages use other placeholders than English').toEqual([])
  })

  it.each(languages)('%s should have no empty message and no unresolved placeholder', (lang) => {
    const catalog = read(lang)
    const bad = Object.entries(catalog).filter(([, e]) => {
      if (!e.message.trim()) return true
      const names = Object.keys(e.placeholders ?? {}).map((n) => n.toLowerCase())
      return [...e.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].some((m) => !names.includes(m[1]!.toLowerCase()))
    })
    expect(bad.map(([k]) => k)).toEqual([])
  })

  it('should give every plural base both forms English and German need', () => {
    const bases = Object.keys(en)
      .filter((k) => /_(one|other)$/.test(k))
      .map((k) => k.replace(/_(one|other)$/, ''))
    for (const base of new Set(bases)) expect([`${base}_one` in en, `${base}_other` in en], base).toEqual([true, true])
  })
})

describe('t and tn', () => {
  it('should fill placeholders, format numbers and pick plural forms per language', () => {
    expect(t('fail_timeout', 'https://relay.example')).toBe('The relay at https://relay.example did not answer in time.')
    expect(tn('launcher', 1)).toBe('IDV Lens: 1 ID on this page')
    expect(tn('launcher', 1200)).toBe('IDV Lens: 1,200 IDs on this page')
    useLocale('de')
    expect(t('fail_timeout', 'https://relay.example')).toBe('Das Relay unter https://relay.example hat nicht rechtzeitig geantwortet.')
    expect(tn('noteHits', 1)).toBe('1 Treffer')
    expect(tn('notePossibleMatches', 1)).toBe('1 möglicher Treffer')
    expect(tn('notePossibleMatches', 3)).toBe('3 mögliche Treffer')
    expect(formatNumber(1200)).toBe('1.200')
  })
})

describe('small counts without Intl', () => {
  it.each([
    ['en', 'en-US'],
    ['en', 'en-IN'],
    ['de', 'de-DE'],
    ['de', 'de-CH'],
  ])('should write and pluralise 0 to 1,000 as Intl does (messages %s, browser %s)', (messages, browser) => {
    useLocale(messages, browser)
    const lang = uiLanguage()
    const format = new Intl.NumberFormat(lang)
    const rules = new Intl.PluralRules(lang)
    for (let n = 0; n <= 1000; n++) {
      expect(formatNumber(n)).toBe(format.format(n))
      expect(tn('launcher', n)).toBe(t(rules.select(n) === 'one' ? 'launcher_one' : 'launcher_other', format.format(n)))
    }
  })

  it('should leave fractions, negatives and other languages to Intl', () => {
    useLocale('de')
    expect(formatNumber(1.5)).toBe('1,5')
    expect(formatNumber(-1200)).toBe('-1.200')
    expect(formatNumber(7, { style: 'percent' })).toBe(new Intl.NumberFormat('de', { style: 'percent' }).format(7))
  })
})

describe('uiLanguage', () => {
  it.each([
    ['de', 'de-AT', 'de-AT'], // the browser's region refines the language of the words
    ['de', 'en-US', 'de'], // Chromium with --lang=de: German words, getUILanguage() still en-US
    ['fr', 'fr-FR', 'en'], // no French messages yet: English words, so English formats
    ['en', 'en-GB', 'en-GB'],
  ])('should format in the language of the words (messages %s, browser %s → %s)', (messages, browser, expected) => {
    useLocale(messages, browser)
    expect(uiLanguage()).toBe(expected)
  })
})
