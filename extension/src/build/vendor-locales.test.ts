import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { localeCatalogs } from './vendor-locales.ts'

const EXTENSION = fileURLToPath(new URL('../../', import.meta.url))

/** An extension root with the real catalogues and one vendor folder holding `words` per language. */
function rootWith(words: Record<string, Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'vendor-locales-'))
  cpSync(join(EXTENSION, 'public/_locales'), join(root, 'public/_locales'), { recursive: true })
  for (const [lang, messages] of Object.entries(words)) {
    mkdirSync(join(root, 'src/vendors/trialvendor/_locales', lang), { recursive: true })
    const catalog = Object.fromEntries(Object.entries(messages).map(([key, message]) => [key, { message }]))
    writeFileSync(join(root, 'src/vendors/trialvendor/_locales', lang, 'messages.json'), JSON.stringify(catalog))
  }
  return root
}

describe("a vendor's words", () => {
  let root = ''
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  it('join the catalogues in every language', () => {
    root = rootWith({ en: { tabTrialvendor: 'Trial' }, de: { tabTrialvendor: 'Versuch' } })
    const catalogs = localeCatalogs(root)
    expect([catalogs.en!.tabTrialvendor, catalogs.de!.tabTrialvendor]).toEqual([{ message: 'Trial' }, { message: 'Versuch' }])
    expect(catalogs.en!.extName).toBeDefined()
  })

  it('fail the build when one language lacks a word, or a language has no catalogue', () => {
    root = rootWith({ en: { tabTrialvendor: 'Trial', secTrialvendor: 'Record' }, de: { tabTrialvendor: 'Versuch' } })
    expect(() => localeCatalogs(root)).toThrow('src/vendors/trialvendor/_locales/de/messages.json lacks secTrialvendor')
    rmSync(root, { recursive: true })
    root = rootWith({ en: { tabTrialvendor: 'Trial' }, de: { tabTrialvendor: 'Versuch' }, xx: { tabTrialvendor: '?' } })
    expect(() => localeCatalogs(root)).toThrow('no catalogue')
  })

  it('may not take a key the catalogues have', () => {
    root = rootWith({ en: { extName: 'Mine' }, de: { extName: 'Meins' } })
    expect(() => localeCatalogs(root)).toThrow('extName named elsewhere already')
  })

  it('are those the vendor folders of this extension hold', () => {
    expect(Object.keys(localeCatalogs(EXTENSION)).sort()).toEqual(['de', 'en'])
  })
})
