import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../harness/stack.ts'
import { lineCounter, scanScript } from './script-scan.ts'

/**
 * A comment says why in a sentence or two; figures and history belong in commit bodies, where they
 * cannot go stale beside the code. A block longer than this is a diary or a design note in disguise.
 */
const MAX_BLOCK_LINES = 8
const SOURCE = /\.(tsx?|mts|mjs|js|css|html|sql|toml)$/
const ROOTS = ['extension/', 'worker/', 'shared/', 'test/', '.toolchain/', 'wrangler.toml']
/** Files whose comments are not ours to write, each with its reason. */
const ALLOWED: Record<string, string> = {
  'worker/worker-runtime.d.ts':
    "workerd's runtime types as `wrangler types` generates them, kept byte for byte (worker/scripts/binding-types.ts check)",
}

interface Block {
  line: number // 1-based first line
  lines: number
}

const lineOf = (text: string, pos: number) => text.slice(0, pos).split('\n').length

/** Full-line comments that share a marker (`//`, `#`, `--`) and touch each other form one block. */
function lineBlocks(text: string, marker: RegExp, isComment: (line: number) => boolean = () => true): Block[] {
  const blocks: Block[] = []
  let open: Block | undefined
  text.split('\n').forEach((line, i) => {
    if (marker.test(line) && isComment(i + 1)) {
      if (open && open.line + open.lines === i + 1) open.lines++
      else blocks.push((open = { line: i + 1, lines: 1 }))
    }
  })
  return blocks
}

/** Comment blocks found by a pattern that matches a whole delimited comment (`/* … *\/`, `<!-- … -->`). */
function delimitedBlocks(text: string, pattern: RegExp): Block[] {
  return [...text.matchAll(pattern)].map((m) => ({
    line: lineOf(text, m.index),
    lines: m[0].split('\n').length,
  }))
}

/** The whole line that holds `pos`. */
function lineAt(text: string, pos: number): string {
  const end = text.indexOf('\n', pos)
  return text.slice(text.lastIndexOf('\n', pos - 1) + 1, end === -1 ? undefined : end)
}

/** TypeScript's own scanner finds the comments (script-scan.ts), so `//` in a string, URL or regex is never one. */
function scriptBlocks(path: string, text: string): Block[] {
  const lineOf = lineCounter(text)
  const lineComments = new Set<number>()
  const blocks: Block[] = []
  for (const range of scanScript(path, text).comments) {
    const line = lineOf(range.pos)
    if (range.kind === ts.SyntaxKind.MultiLineCommentTrivia) {
      blocks.push({ line, lines: lineOf(range.end) - line + 1 })
    } else if (/^\s*\/\//.test(lineAt(text, range.pos))) {
      lineComments.add(line)
    }
  }
  return [...blocks, ...lineBlocks(text, /^\s*\/\//, (line) => lineComments.has(line))]
}

function commentBlocks(path: string, text: string): Block[] {
  if (/\.(tsx?|mts|mjs|js)$/.test(path)) return scriptBlocks(path, text)
  if (path.endsWith('.css')) return delimitedBlocks(text, /\/\*[\s\S]*?\*\//g)
  if (path.endsWith('.html'))
    return [...delimitedBlocks(text, /<!--[\s\S]*?-->/g), ...delimitedBlocks(text, /\/\*[\s\S]*?\*\//g), ...lineBlocks(text, /^\s*\/\/ /)]
  if (path.endsWith('.sql')) return [...delimitedBlocks(text, /\/\*[\s\S]*?\*\//g), ...lineBlocks(text, /^\s*--/)]
  if (path.endsWith('.toml')) return lineBlocks(text, /^\s*#/)
  return []
}

/** `path:line (n lines)` for every comment block over the bound. */
function longBlocks(path: string, text: string): string[] {
  return commentBlocks(path, text)
    .filter((block) => block.lines > MAX_BLOCK_LINES)
    .sort((a, b) => a.line - b.line)
    .map((block) => `${path}:${block.line} (${block.lines} lines)`)
}

describe('comments in tracked source', () => {
  it(`should come in blocks of at most ${MAX_BLOCK_LINES} lines (say why in a sentence or two; figures go in the commit body)`, () => {
    const paths = execFileSync('git', ['ls-files', '-z', ...ROOTS], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((path) => SOURCE.test(path) && !path.startsWith('docs/'))
    const long = paths.filter((path) => !(path in ALLOWED)).flatMap((path) => longBlocks(path, readFileSync(join(REPO_ROOT, path), 'utf8')))
    expect(paths.length).toBeGreaterThan(500)
    expect(Object.keys(ALLOWED).filter((path) => !paths.includes(path))).toEqual([])
    expect(long).toEqual([])
  })

  it('should count touching // lines as one block and a /* */ block by its lines, never // inside a string', () => {
    const nine = Array.from({ length: 9 }, (_, i) => `// line ${i}`).join('\n')
    const split = `${nine.split('\n').slice(0, 5).join('\n')}\n\n${nine.split('\n').slice(5).join('\n')}`
    expect(longBlocks('a.ts', `${nine}\nexport const a = 1\n`)).toEqual(['a.ts:1 (9 lines)'])
    expect(longBlocks('a.ts', `${split}\nexport const a = 1\n`)).toEqual([])
    expect(longBlocks('a.tsx', `const a = <p>\n  {/*\n${'x\n'.repeat(8)}*/}\n</p>\n`)).toEqual(['a.tsx:2 (10 lines)'])
    expect(longBlocks('a.ts', `const u = [\n${"  'https://x.test/a',\n".repeat(9)}]\n`)).toEqual([])
    expect(longBlocks('a.css', `/*\n${' * x\n'.repeat(8)} */\na { color: red }\n`)).toEqual(['a.css:1 (10 lines)'])
    expect(longBlocks('a.toml', `${'# x\n'.repeat(9)}name = "a"\n`)).toEqual(['a.toml:1 (9 lines)'])
    expect(longBlocks('a.sql', `${'-- x\n'.repeat(9)}SELECT 1;\n`)).toEqual(['a.sql:1 (9 lines)'])
  })
})
