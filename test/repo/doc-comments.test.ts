import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../harness/stack.ts'

const ROOTS = ['extension/', 'worker/', 'shared/', 'test/', '.toolchain/']
const SOURCE = /\.(tsx?|mts|mjs|js)$/
/** Generated files, not ours to write. */
const GENERATED = new Set(['worker/worker-runtime.d.ts', 'worker/worker-configuration.d.ts'])

/** Tokens that end a list or a block: a doc comment just before one documents nothing. */
const CLOSING = new Set([
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.EndOfFileToken,
  ts.SyntaxKind.CommaToken,
  ts.SyntaxKind.SemicolonToken,
])

/**
 * `path:line` of every `/** … *\/` comment that documents nothing: one that another comment follows
 * before any code, or that comes last in a block, a list or the file. A file's opening comment may
 * stand alone (it is about the file).
 */
export function orphanDocs(path: string, text: string): string[] {
  const kind = path.endsWith('x') ? ts.ScriptKind.TSX : path.endsWith('.ts') || path.endsWith('.mts') ? ts.ScriptKind.TS : ts.ScriptKind.JS
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind)
  const docs = new Set<number>()
  const attached = new Set<number>()
  const visit = (node: ts.Node) => {
    const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []
    for (const range of ranges) if (/^\/\*\*[^/]/.test(text.slice(range.pos, range.end))) docs.add(range.pos)
    const last = ranges.at(-1)
    if (last && !CLOSING.has(node.kind)) attached.add(last.pos)
    node.getChildren(file).forEach(visit)
  }
  visit(file)
  const opening = /^(#![^\n]*\n)?\s*/.exec(text)![0].length
  return [...docs]
    .filter((pos) => !attached.has(pos) && pos !== opening)
    .sort((a, b) => a - b)
    .map((pos) => `${path}:${text.slice(0, pos).split('\n').length}`)
}

describe('doc comments in tracked source', () => {
  it('should each document what follows them (none orphaned mid-file)', () => {
    const paths = execFileSync('git', ['ls-files', '-z', ...ROOTS], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((path) => SOURCE.test(path) && !GENERATED.has(path))
    expect(paths.length).toBeGreaterThan(500)
    expect(paths.flatMap((path) => orphanDocs(path, readFileSync(join(REPO_ROOT, path), 'utf8')))).toEqual([])
  })

  it('should tell a doc comment on a declaration, a member or an argument from one on nothing', () => {
    expect(orphanDocs('a.ts', '/** The file. */\n\nimport x from "x"\n/** A. */\nexport const a = 1\n')).toEqual([])
    expect(orphanDocs('a.ts', 'const o = {\n  /** b */\n  b: 1,\n}\nf(/** c */ 2)\n')).toEqual([])
    expect(orphanDocs('a.ts', 'const a = 1\n/** stray */\n/** b */\nconst b = 2\n')).toEqual(['a.ts:2'])
    expect(orphanDocs('a.ts', 'const a = 1\n/** stray */\n// a note\nconst b = 2\n')).toEqual(['a.ts:2'])
    expect(orphanDocs('a.ts', 'function f() {\n  g()\n  /** at the end */\n}\n')).toEqual(['a.ts:3'])
    expect(orphanDocs('a.ts', 'const a = 1\n/** last in the file */\n')).toEqual(['a.ts:2'])
    expect(orphanDocs('a.tsx', 'const v = <p>{/* not a doc */}</p>\n/** v */\nexport { v }\n')).toEqual([])
  })
})
