import { execFileSync } from 'node:child_process'
import { basename } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../harness/stack.ts'

/**
 * A module's name says what it is, so a newcomer searching for `badge` or `page-messages` finds one
 * file. WXT's own names inside each entrypoint's folder (`App`, `main`, `index`, `style`) are the
 * framework's convention and repeat by design, as does a vendor's `_locales/<lang>/messages.json`
 * (the browser's name); every other module name in `extension/src` is unique.
 */
const WXT_ENTRYPOINT_NAMES = new Set(['App', 'main', 'index', 'style'])

function moduleNames(paths: string[]): Map<string, string[]> {
  const byName = new Map<string, string[]>()
  for (const path of paths) {
    const name = basename(path).replace(/\.(test\.)?(tsx?|css|html)$/, '')
    if (/\.test\.tsx?$/.test(path) || path.endsWith('.d.ts')) continue
    if (path.includes('/entrypoints/') && WXT_ENTRYPOINT_NAMES.has(name)) continue
    if (/\/_locales\/[^/]+\/messages\.json$/.test(path)) continue
    byName.set(name, [...(byName.get(name) ?? []), path])
  }
  return byName
}

describe('module names in extension/src', () => {
  it("should be unique (tests share their module's name, WXT's entrypoint files aside)", () => {
    const paths = execFileSync('git', ['ls-files', '-z', 'extension/src'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean)
    const shared = [...moduleNames(paths)].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`)
    expect(paths.length).toBeGreaterThan(100)
    expect(shared).toEqual([])
  })

  it('should catch two modules of one name in different folders', () => {
    const shared = [...moduleNames(['extension/src/background/x.ts', 'extension/src/content/x.ts', 'extension/src/content/x.test.ts'])]
    expect(shared.filter(([, files]) => files.length > 1)).toEqual([['x', ['extension/src/background/x.ts', 'extension/src/content/x.ts']]])
  })
})
