import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../harness/stack.ts'
import { lineCounter, scanScript } from './script-scan.ts'

const ROOTS = ['extension/', 'worker/', 'shared/', 'test/', '.toolchain/']
const SOURCE = /\.(tsx?|mts|mjs|js)$/
/** Generated files, not ours to write. */
const GENERATED = new Set(['worker/worker-runtime.d.ts', 'worker/worker-configuration.d.ts'])

/**
 * `path:line` of every `/** … *\/` comment that documents nothing: one that another comment follows
 * before any code, or that comes last in a block, a list or the file. A file's opening comment may
 * stand alone (it is about the file).
 */
export function orphanDocs(path: string, text: string): string[] {
  const { docs, attached } = scanScript(path, text)
  const lineOf = lineCounter(text)
  const opening = /^(#![^\n]*\n)?\s*/.exec(text)![0].length
  return [...docs]
    .filter((pos) => !attached.has(pos) && pos !== opening)
    .sort((a, b) => a - b)
    .map((pos) => `${path}:${lineOf(pos)}`)
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
