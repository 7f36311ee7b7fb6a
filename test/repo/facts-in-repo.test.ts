import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../harness/stack.ts'

/**
 * The vendor facts the code relies on live in the repository (docs/vendors/), so whoever clones it can
 * check a comment's claim. A pointer to research notes outside the repository (the team's old
 * `upstream-apis.md`, cited as "reference 1.4" or "reference §2.3") sends a newcomer nowhere.
 */
const THIS_FILE = 'test/repo/facts-in-repo.test.ts'
// The same notes' folder held `peers.md` (how comparable tools behave), cited once as "peers.md (c) 2".
const OUTSIDE_POINTERS = [/upstream-apis\.md/, /shared\/reference/, /\breference §\d/, /\(reference \d+\.\d+/, /\bpeers\.md\b/]
const CITATION = /docs\/vendors\/(persona|deepidv)\.md((?:,? (?:and )?§\d+(?:–§\d+)?)+)/g

/** Tracked text files (the working tree's copy), by path relative to the repository. */
function trackedTexts(): Map<string, string> {
  const paths = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean)
  const texts = new Map<string, string>()
  for (const path of paths) {
    const file = join(REPO_ROOT, path)
    if (!existsSync(file)) continue
    const bytes = readFileSync(file)
    if (bytes.includes(0)) continue // binary (icons, zips)
    texts.set(path, bytes.toString('utf8'))
  }
  return texts
}

const texts = trackedTexts()

/** `path:line: text` for every line of a tracked file (but this one) matching one of `patterns`. */
function linesMatching(patterns: RegExp[]): string[] {
  const hits: string[] = []
  for (const [path, text] of texts) {
    if (path === THIS_FILE) continue
    text.split('\n').forEach((line, i) => {
      if (patterns.some((p) => p.test(line))) hits.push(`${path}:${i + 1}: ${line.trim()}`)
    })
  }
  return hits
}

describe('facts in the repository', () => {
  it('reads the whole tree (so an empty listing cannot pass)', () => {
    expect(texts.size).toBeGreaterThan(300)
    expect(texts.has('docs/vendors/persona.md') && texts.has('docs/vendors/deepidv.md')).toBe(true)
  })

  it('has no comment or doc pointing at the out-of-repo API reference', () => {
    expect(linesMatching(OUTSIDE_POINTERS)).toEqual([])
  })

  it('cites only sections docs/vendors/ has', () => {
    const sections = (vendor: string) =>
      new Set([...(texts.get(`docs/vendors/${vendor}.md`) ?? '').matchAll(/^## §(\d+) /gm)].map((m) => Number(m[1])))
    const known = { persona: sections('persona'), deepidv: sections('deepidv') }
    expect(known.persona.size).toBeGreaterThan(10)
    expect(known.deepidv.size).toBeGreaterThan(8)
    const dangling: string[] = []
    let citations = 0
    for (const [path, text] of texts) {
      for (const m of text.matchAll(CITATION)) {
        const vendor = m[1] as 'persona' | 'deepidv'
        for (const n of m[2]!.matchAll(/§(\d+)/g)) {
          citations++
          if (!known[vendor].has(Number(n[1]))) dangling.push(`${path}: ${m[0]}`)
        }
      }
    }
    expect(dangling).toEqual([])
    expect(citations).toBeGreaterThan(40)
  })
})
