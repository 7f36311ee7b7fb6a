import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../harness/stack.ts'

/**
 * The README is a front door and each docs page serves one reader, so both stay short enough to read
 * (the vendor fact pages under docs/vendors/ are reference, and aside); a link that leads nowhere
 * sends a newcomer nowhere, and a command the README gives must exist in a fresh clone.
 */
const README_MAX_LINES = 150
const PAGE_MAX_LINES = 250

function markdownUnder(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.md'))
    .map((path) => join(dir, path))
}

const PAGES = ['README.md', ...markdownUnder('docs')]
const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8')
const lineCount = (text: string) => text.replace(/\n$/, '').split('\n').length

/** The text outside fenced code blocks and inline code, where a link is a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '')
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-')
}

function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const result = new Set<string>()
  for (const m of markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(m[1]!)
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    result.add(n === 0 ? base : `${base}-${n}`)
  }
  return result
}

/** `page: target` for every relative link of `page` whose file, or heading, does not exist. */
function deadLinks(page: string): string[] {
  const dead: string[] = []
  for (const m of prose(read(page)).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = m[1]!
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue // https:, mailto:
    const [path, fragment] = target.split('#') as [string, string | undefined]
    const file = path === '' ? page : relative(REPO_ROOT, join(REPO_ROOT, dirname(page), decodeURIComponent(path)))
    if (file.startsWith('..') || !existsSync(join(REPO_ROOT, file))) {
      dead.push(`${page}: ${target}`)
      continue
    }
    if (fragment && file.endsWith('.md') && statSync(join(REPO_ROOT, file)).isFile() && !anchors(read(file)).has(fragment)) {
      dead.push(`${page}: ${target} (no such heading)`)
    }
  }
  return dead
}

describe('the README and docs/', () => {
  it('should find the pages (so an empty listing cannot pass)', () => {
    expect(PAGES).toContain('docs/architecture.md')
    expect(PAGES.length).toBeGreaterThan(10)
  })

  it(`should keep the README within ${README_MAX_LINES} lines`, () => {
    expect(lineCount(read('README.md')), 'move the detail to a page under docs/ and link it').toBeLessThanOrEqual(README_MAX_LINES)
  })

  it(`should keep each docs page within ${PAGE_MAX_LINES} lines (docs/vendors/ aside)`, () => {
    const long = PAGES.filter((p) => p.startsWith('docs/') && !p.startsWith('docs/vendors/'))
      .map((p) => ({ page: p, lines: lineCount(read(p)) }))
      .filter(({ lines }) => lines > PAGE_MAX_LINES)
    expect(long, 'split the page by reader or concern').toEqual([])
  })

  it('should link only to files and headings that exist', () => {
    expect(PAGES.flatMap(deadLinks)).toEqual([])
  })

  it('should tell the anchor of a heading as GitHub does', () => {
    expect(slug('Chrome: install, pre-configure, publish')).toBe('chrome-install-pre-configure-publish')
    expect(slug('Publish (addons.mozilla.org)')).toBe('publish-addonsmozillaorg')
    expect(slug('`tokens` (default)')).toBe('tokens-default')
    expect(anchors('## A\n\n## A\n')).toEqual(new Set(['a', 'a-1']))
  })

  it('should give the two commands, the test one being what CI runs', () => {
    const blocks = [...read('README.md').matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((m) => m[1]!.trim())
    expect(blocks).toContain('npm run dev')
    expect(blocks).toContain('npm test')
    const ciCommands = read('.ci/run')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
    expect(ciCommands.at(-1)).toBe('npm test')
  })

  it('should give only npm scripts the root package.json has', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts
    const used = new Set(PAGES.flatMap((p) => [...read(p).matchAll(/\bnpm run ([\w:-]+)/g)].map((m) => m[1]!)))
    expect(used.size).toBeGreaterThan(5)
    expect([...used].filter((name) => !(name in scripts))).toEqual([])
  })
})
