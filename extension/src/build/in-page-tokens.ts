import { readFileSync } from 'node:fs'

/*
The CSS we put into a helpdesk page (our shadow roots) names no custom property: a page can set one on
our host or its ancestors, or register it with @property (not inherited, an image as initial value),
and every `var()` of ours would then draw what the page chose, per status (issue 78). So the build
writes each theme token (styles/tokens.css) into these style sheets as its value: `light-dark()`
picks by our container's own `color-scheme`.
*/

const DECLARATION = /(--[\w-]+)\s*:\s*([^;]+);/g
const VAR = /var\(\s*(--[\w-]+)\s*\)/g
const COMMENT = /\/\*[\s\S]*?\*\//g

/** The tokens tokens.css declares, by name. */
export function readTokens(css: string): Map<string, string> {
  return new Map(Array.from(css.matchAll(DECLARATION), ([, name, value]) => [name!, value!.trim()]))
}

/** `css` with every `var(--token)` written as the token's value; a name tokens.css lacks, or a var() with a fallback, fails the build. */
export function inlineTokens(css: string, tokens: Map<string, string>, file: string): string {
  const out = css.replace(VAR, (_, name: string) => {
    const value = tokens.get(name)
    if (value === undefined) throw new Error(`${file}: ${name} is no token of styles/tokens.css`)
    return value
  })
  if (/var\(|(?:^|[{;\s])--[\w-]+\s*:/.test(out.replace(COMMENT, '')))
    throw new Error(`${file}: CSS put into a page must not declare or read custom properties`)
  return out
}

/** Vite plugin: the in-page style sheets (`inline-lookups.content/*.css`) with the tokens written in, before Vite compiles them. */
export function inPageTokensPlugin(tokensFile: string) {
  return {
    name: 'idv-lens-in-page-tokens',
    enforce: 'pre' as const,
    transform(this: { addWatchFile(file: string): void }, code: string, id: string) {
      if (!/[/\\]inline-lookups\.content[/\\][^/\\]+\.css(?:\?|$)/.test(id)) return null
      this.addWatchFile(tokensFile)
      return { code: inlineTokens(code, readTokens(readFileSync(tokensFile, 'utf8')), id), map: null }
    },
  }
}
