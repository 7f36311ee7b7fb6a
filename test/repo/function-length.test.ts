import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../harness/stack.ts'
import { scanScript } from './script-scan.ts'

/** A function a reader can hold in view: past this, it is several rooms behind one door. */
const MAX_FUNCTION_LINES = 60
const ROOTS = ['extension/src/', 'worker/src/']
const PRODUCT = /\.tsx?$/
const TEST = /\.test\.tsx?$/
/**
 * Functions still over the bound, each with its reason. Each must still be over it (a split one
 * leaves the list): the list only shrinks.
 */
const ALLOWED: Record<string, string> = {
  // Split, the frame would have to hand every spot's whole text to the background; one function
  // keeps the picking (values of at most 254 characters) in the page's frame.
  'extension/src/content/requester/read-requester.ts readRequesterParts':
    'injected whole by scripting.executeScript: no helpers outside it',
}

/** Past this many positional parameters, a call site no longer says which argument is which: an options object does. */
const MAX_PARAMETERS = 4
/** Functions still taking more, each with its reason; as ALLOWED, the list only shrinks. */
const ALLOWED_PARAMETERS: Record<string, string> = {}

/** Every function with a body (declarations, expressions, arrows, methods, accessors) over the bound, first line to last. */
const overBound = (path: string, text: string) =>
  scanScript(path, text)
    .functions.filter((fn) => fn.hasBody && fn.lines > MAX_FUNCTION_LINES)
    .map(({ key, lines, line }) => ({ key, lines, line }))
/** Every function-like node (with a body or not: a signature, a function type) taking more than MAX_PARAMETERS. */
const overParameters = (path: string, text: string) =>
  scanScript(path, text)
    .functions.filter((fn) => fn.parameters > MAX_PARAMETERS)
    .map(({ key, line, parameters }) => ({ key, line, parameters }))

/** Tracked and new product files of the work tree, as it stands (one deleted but not yet committed is gone). */
function productPaths(): string[] {
  return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', ...ROOTS], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((path) => PRODUCT.test(path) && !TEST.test(path) && existsSync(join(REPO_ROOT, path)))
}

describe('product functions', () => {
  it(`should be at most ${MAX_FUNCTION_LINES} lines long (a factory builds its rooms from smaller functions)`, () => {
    const paths = productPaths()
    const long = paths.flatMap((path) => overBound(path, readFileSync(join(REPO_ROOT, path), 'utf8')))
    expect(paths.length).toBeGreaterThan(200)
    expect(long.filter((fn) => !(fn.key in ALLOWED)).map((fn) => `${fn.key} (line ${fn.line}, ${fn.lines} lines)`)).toEqual([])
    // A function split since leaves the list.
    expect(Object.keys(ALLOWED).filter((key) => !long.some((fn) => fn.key === key))).toEqual([])
  })

  it(`should take at most ${MAX_PARAMETERS} positional parameters (more: an options object or a smaller function)`, () => {
    const paths = productPaths()
    const many = paths.flatMap((path) => overParameters(path, readFileSync(join(REPO_ROOT, path), 'utf8')))
    expect(paths.length).toBeGreaterThan(200)
    expect(
      many.filter((fn) => !(fn.key in ALLOWED_PARAMETERS)).map((fn) => `${fn.key} (line ${fn.line}, ${fn.parameters} parameters)`),
    ).toEqual([])
    // A function cut since leaves the list.
    expect(Object.keys(ALLOWED_PARAMETERS).filter((key) => !many.some((fn) => fn.key === key))).toEqual([])
  })

  it('should count the positional parameters of every kind of function, an options object as one', () => {
    expect(overParameters('a.ts', 'export function f(a, b, c, d) {}\n')).toEqual([])
    expect(overParameters('a.ts', 'export function f({ a, b, c, d, e }) {}\n')).toEqual([])
    expect(overParameters('a.ts', 'export function f(a, b, c, d, e = 1) {}\n')).toEqual([{ key: 'a.ts f', line: 1, parameters: 5 }])
    expect(overParameters('a.ts', 'const g = (a, b, c, d, e) => a\n').map((fn) => fn.key)).toEqual(['a.ts g'])
    expect(overParameters('a.ts', 'class C {\n  m(a, b, c, d, e) {}\n}\n').map((fn) => fn.key)).toEqual(['a.ts m'])
    expect(
      overParameters('a.ts', 'type T = { send: (a, b, c, d, e) => void }\ndeclare function h(a, b, c, d, e): void\n').map((fn) => fn.key),
    ).toEqual(['a.ts send', 'a.ts h'])
  })

  it('should measure every kind of function from its first line to its last, by the name a reader finds it by', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const a${i} = ${i}`).join('\n')
    // A body of MAX_FUNCTION_LINES - 2 lines, with the first and the last, is just within the bound.
    const within = body(MAX_FUNCTION_LINES - 2)
    const over = body(MAX_FUNCTION_LINES - 1)
    expect(overBound('a.ts', `export function f() {\n${within}\n}\n`)).toEqual([])
    expect(overBound('a.ts', `export function f() {\n${over}\n}\n`)).toEqual([{ key: 'a.ts f', lines: MAX_FUNCTION_LINES + 1, line: 1 }])
    expect(overBound('a.ts', `export const g = () => {\n${over}\n}\n`).map((fn) => fn.key)).toEqual(['a.ts g'])
    expect(overBound('a.ts', `const o = {\n  m() {\n${over}\n  },\n}\n`).map((fn) => fn.key)).toEqual(['a.ts m'])
    expect(overBound('a.tsx', `export default defineStore(() => {\n${over}\n})\n`).map((fn) => fn.key)).toEqual([
      'a.tsx defineStore callback',
    ])
  })
})
