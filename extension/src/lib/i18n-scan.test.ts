import { readdirSync, readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { scanSource } from '../../test-support/literal-scan.ts'

const SRC = fileURLToPath(new URL('../', import.meta.url))

/** Every UI file and every module that produces text an agent reads; tests and test helpers aside. */
const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
  .map((f) => `${SRC}${f}`)

const read = (file: string) => readFileSync(file, 'utf8')

describe('user-visible strings', () => {
  it('should scan the popup, the side panel, the options page, the in-page UI and the background', () => {
    const names = files.map((f) => relative(SRC, f))
    for (const f of [
      'entrypoints/popup/App.tsx',
      'entrypoints/sidepanel/App.tsx',
      'entrypoints/options/App.tsx',
      'entrypoints/inline-lookups.content/LookupCard.tsx',
      'background/tab-badge.ts',
      'background/menus-and-commands.ts',
      'stores/page-ids-store.ts',
      'stores/page-site.ts',
    ]) {
      expect(names).toContain(f)
    }
  })

  it('should all go through i18n (t/tn with a key in _locales/en/messages.json)', () => {
    const findings = files.flatMap((f) => scanSource(relative(SRC, f), read(f)))
    expect(
      findings.map((x) => `${x.file}:${x.line} ${x.why} ${JSON.stringify(x.text)}`),
      'Move these to messages.json and show them with t()',
    ).toEqual([])
  })

  // The scan must catch what it is for: each planted literal in real files is reported.
  it.each([
    ['entrypoints/popup/App.tsx', "{t('settings')}", 'Settings and help', 'JSX text'],
    ['components/RefreshButton.tsx', "title={t('refreshTitle')}", 'title="Fetch fresh data"', 'title='],
    ['pages/ReferenceSearch.tsx', "placeholder={t('searchPlaceholder')}", "placeholder={'Paste an ID'}", 'placeholder='],
    ['components/ListView.tsx', "{t('endOfList')}", "{shown ? 'That is all.' : t('endOfList')}", 'JSX child'],
    ['entrypoints/inline-lookups.content/LookupCard.tsx', "aria-label={t('close')}", 'aria-label="Close card"', 'aria-label='],
    ['stores/page-site.ts', "t('siteKept', s.host)", '`Chrome kept IDV Lens running on ${s.host}.`', 'sentence'],
    [
      'background/unreachable.ts',
      "reason: { code: 'timeout', relay: baseUrl }",
      "reason: { code: 'timeout', relay: baseUrl }, message: 'The relay did not answer in time.'",
      'sentence',
    ],
  ])('should catch a literal planted in %s (%s → %s)', (file, from, to, why) => {
    const source = read(`${SRC}${file}`)
    expect(source).toContain(from)
    expect(scanSource(file, source)).toEqual([])
    const planted = scanSource(file, source.replace(from, to))
    expect(planted.map((f) => f.why)).toEqual([why])
  })

  it('should let technical strings through', () => {
    const ok = `<input placeholder="inq_… / iqse_…" title="https://relay.example" data-testid="lookup-input" class="small icon" /><b>×</b><i>↑↓</i>`
    expect(scanSource('x.tsx', `export const X = () => <>${ok}</>`)).toEqual([])
  })
})
