import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../harness/stack.ts'

/** A function a reader can hold in view: past this, it is several rooms behind one door. */
const MAX_FUNCTION_LINES = 80
const ROOTS = ['extension/src/', 'worker/src/']
const PRODUCT = /\.tsx?$/
const TEST = /\.test\.tsx?$/
/**
 * Functions still over the bound, each with its reason. Each must still be over it (a split one
 * leaves the list): the list only shrinks.
 */
const ALLOWED: Record<string, string> = {}

type Found = { key: string; lines: number; line: number }

/** The name a reader finds a function by: its own, or the variable, property or call it is given to. */
function nameOf(fn: ts.FunctionLikeDeclaration, file: ts.SourceFile): string {
  if (fn.name) return fn.name.getText(file)
  const parent = fn.parent
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText(file)
  if (ts.isCallExpression(parent)) return `${parent.expression.getText(file)} callback`
  if (ts.isExportAssignment(parent)) return 'default'
  return 'anonymous'
}

/** Every function with a body (declarations, expressions, arrows, methods, accessors) and its length in lines, first line to last. */
function functionsOf(path: string, text: string): Found[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
  const found: Found[] = []
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = file.getLineAndCharacterOfPosition(node.getStart(file)).line
      const last = file.getLineAndCharacterOfPosition(node.getEnd()).line
      found.push({ key: `${path} ${nameOf(node as ts.FunctionLikeDeclaration, file)}`, lines: last - first + 1, line: first + 1 })
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

const overBound = (path: string, text: string) => functionsOf(path, text).filter((fn) => fn.lines > MAX_FUNCTION_LINES)

describe('product functions', () => {
  it(`should be at most ${MAX_FUNCTION_LINES} lines long (a factory builds its rooms from smaller functions)`, () => {
    const paths = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', ...ROOTS], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\0')
      // Tracked and new files of the work tree, as it stands (one deleted but not yet committed is gone).
      .filter((path) => PRODUCT.test(path) && !TEST.test(path) && existsSync(join(REPO_ROOT, path)))
    const long = paths.flatMap((path) => overBound(path, readFileSync(join(REPO_ROOT, path), 'utf8')))
    expect(paths.length).toBeGreaterThan(200)
    expect(long.filter((fn) => !(fn.key in ALLOWED)).map((fn) => `${fn.key} (line ${fn.line}, ${fn.lines} lines)`)).toEqual([])
    // A function split since leaves the list.
    expect(Object.keys(ALLOWED).filter((key) => !long.some((fn) => fn.key === key))).toEqual([])
  })

  it('should measure every kind of function from its first line to its last, by the name a reader finds it by', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const a${i} = ${i}`).join('\n')
    expect(overBound('a.ts', `export function f() {\n${body(78)}\n}\n`)).toEqual([])
    expect(overBound('a.ts', `export function f() {\n${body(79)}\n}\n`)).toEqual([{ key: 'a.ts f', lines: 81, line: 1 }])
    expect(overBound('a.ts', `export const g = () => {\n${body(79)}\n}\n`).map((fn) => fn.key)).toEqual(['a.ts g'])
    expect(overBound('a.ts', `const o = {\n  m() {\n${body(79)}\n  },\n}\n`).map((fn) => fn.key)).toEqual(['a.ts m'])
    expect(overBound('a.tsx', `export default defineStore(() => {\n${body(79)}\n})\n`).map((fn) => fn.key)).toEqual(['a.tsx defineStore callback'])
  })
})
