import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { inlineTokens, readTokens } from './in-page-tokens.ts'

const TOKENS = readTokens(readFileSync(new URL('../styles/tokens.css', import.meta.url), 'utf8'))
const IN_PAGE = ['base.css', 'style.css'].map(
  (file) => [file, readFileSync(new URL(`../entrypoints/inline-lookups.content/${file}`, import.meta.url), 'utf8')] as const,
)

describe('the in-page style sheets with the tokens written in', () => {
  it('should write each token as its light-dark() value', () => {
    expect(inlineTokens('.tone-good { background: var(--good-bg); color: var( --good-fg ) }', TOKENS, 'x.css')).toBe(
      '.tone-good { background: light-dark(#dff3e5, #173a25); color: light-dark(#17613a, #8fe0ad) }',
    )
  })

  it('should fail the build on a name tokens.css lacks, a fallback or a declaration, but not on a comment', () => {
    expect(() => inlineTokens('a { color: var(--nope) }', TOKENS, 'x.css')).toThrow('--nope is no token')
    expect(() => inlineTokens('a { color: var(--fg, red) }', TOKENS, 'x.css')).toThrow('must not declare or read custom properties')
    expect(() => inlineTokens('.theme { --fg: red }', TOKENS, 'x.css')).toThrow('must not declare or read custom properties')
    expect(inlineTokens('/* each var() as its value; --x: y */ a { color: red }', TOKENS, 'x.css')).toContain('color: red')
  })

  it.each(IN_PAGE)('should leave %s with no custom property and generic font families only', (file, css) => {
    const out = inlineTokens(css, TOKENS, file).replace(/\/\*[\s\S]*?\*\//g, '')
    expect(out).not.toMatch(/--|url\(|@import|@font-face/)
    // A page's @font-face of any family we name would be used in our shadow root: only the generic ones.
    const families = Array.from(out.matchAll(/font(?:-family)?\s*:\s*(?:[\d.]+px\/[\d.]+\s+)?([^;}]+)/g), ([, list]) => list!.trim())
    for (const list of families)
      expect(list, file).toMatch(/^(?:inherit|(?:system-ui|sans-serif|monospace)(?:,\s*(?:system-ui|sans-serif|monospace))*)$/)
  })
})
