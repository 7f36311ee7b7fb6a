import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../harness/stack.ts'

/**
 * The README and docs are read by people at work: the whole stays short, its sentences too, and a
 * table cell that needs a paragraph is one. Code blocks and inline code are not prose.
 */
const MAX_WORDS = 25_000
const MAX_MEAN_SENTENCE_WORDS = 20
const MAX_CELL_CHARACTERS = 400

const PAGES = [
  'README.md',
  ...readdirSync(join(REPO_ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.md'))
    .map((p) => `docs/${p}`),
]

type Prose = { page: string; words: string[]; sentences: string[]; cells: string[] }

/** A list item starts a block; its marker (or a quote's `>`) is not a word of it. */
const LIST_ITEM = /^\s*(?:[-*]|\d+\.)\s/
const MARKER = /^\s*(?:[-*>]|\d+\.)\s/
const isWord = (token: string) => /[\p{L}\p{N}]/u.test(token)
const wordsOf = (text: string) => text.split(/\s+/).filter(isWord)

/** A page's text without code, and with each link reduced to its words. */
function plainText(markdown: string): string {
  return markdown
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/`[^`\n]*`/g, 'CODE')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
}

/**
 * Paragraphs and list items, each joined into one line of trimmed lines; headings, table rows and
 * indented code (any line indented four spaces or more) end one and are not prose.
 */
function blocksOf(text: string): { prose: string[]; cells: string[]; headings: string[] } {
  const prose: string[] = []
  const cells: string[] = []
  const headings: string[] = []
  let current: string[] = []
  const end = () => {
    if (current.length) prose.push(current.join(' '))
    current = []
  }
  for (const line of text.split('\n')) {
    if (/^\s*\|/.test(line)) {
      end()
      cells.push(
        ...line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      )
    } else if (line.startsWith('#')) {
      end()
      headings.push(line.replace(/^#+/, ''))
    } else if (/^ {4}/.test(line)) end()
    else {
      if (!line.trim() || LIST_ITEM.test(line)) end()
      if (line.trim()) current.push(line.replace(MARKER, '').trim())
    }
  }
  end()
  return { prose, cells, headings }
}

function proseOf(page: string): Prose {
  const { prose, cells, headings } = blocksOf(plainText(readFileSync(join(REPO_ROOT, page), 'utf8')))
  const sentences = prose.flatMap((block) => block.split(/(?<=[.!?])\s+(?=[A-Z"“(*_]|CODE)/)).filter((s) => wordsOf(s).length > 0)
  return {
    page,
    words: [...prose, ...cells, ...headings].flatMap(wordsOf),
    sentences,
    cells: cells.filter((c) => c !== '' && !/^-+$/.test(c)),
  }
}

const ALL = PAGES.map(proseOf)

describe('the prose of the README and docs/', () => {
  it('should find the pages', () => {
    expect(PAGES).toContain('README.md')
    expect(ALL.reduce((n, p) => n + p.sentences.length, 0)).toBeGreaterThan(500)
  })

  it(`should stay within ${MAX_WORDS} words`, () => {
    const words = ALL.reduce((n, p) => n + p.words.length, 0)
    const largest = [...ALL]
      .sort((a, b) => b.words.length - a.words.length)
      .slice(0, 5)
      .map((p) => `${p.page}: ${p.words.length}`)
    expect(words, `largest pages: ${largest.join(', ')}`).toBeLessThanOrEqual(MAX_WORDS)
  })

  it(`should average at most ${MAX_MEAN_SENTENCE_WORDS} words a sentence`, () => {
    const sentences = ALL.flatMap((p) => p.sentences.map(wordsOf))
    const mean = sentences.reduce((n, s) => n + s.length, 0) / sentences.length
    expect(mean).toBeLessThanOrEqual(MAX_MEAN_SENTENCE_WORDS)
  })

  it(`should hold no table cell over ${MAX_CELL_CHARACTERS} characters (a paragraph or a page instead)`, () => {
    const long = ALL.flatMap((p) =>
      p.cells.filter((c) => c.length > MAX_CELL_CHARACTERS).map((c) => `${p.page}: ${c.slice(0, 60)}… (${c.length})`),
    )
    expect(long).toEqual([])
  })

  it('should count as a reader would', () => {
    const sample = proseOf('README.md')
    expect(sample.words.length).toBeGreaterThan(100)
    expect(blocksOf('A b. C d.\n\n- E f\n  g.\n\n| x | y |\n').prose).toEqual(['A b. C d.', 'E f g.'])
    expect(plainText('see [the page](a.md) and `code here`')).toBe('see the page and CODE')
    expect(blocksOf('    code\n      more code\n> A b.\n1. C d.').prose).toEqual(['A b.', 'C d.'])
  })
})
