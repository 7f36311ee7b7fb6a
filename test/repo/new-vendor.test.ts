import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyRepo } from './repo-copy.ts'

/*
`npm run new:vendor -- <name>` (test/scripts/new-vendor.ts), run in a throwaway copy of the repo: the
stub vendor it writes type-checks in every package and passes its own tests and the vendor-boundary
tests, and the generator writes nothing but its folders, registry lines, words and demo block. The
name is an unusual word: a common one ("stub") would trip the worker's boundary test by itself.
*/
const REPO = join(import.meta.dirname, '../..')
const NAME = 'zephyrid'
const run = promisify(execFile)
// A bound, not a measure: a loaded 2-core CI machine took 118 s for the vitest step (26 s CPU).
const HEAVY = 600_000
const SHARED_FILES = ['shared/src/vendors/id-registry.ts', 'shared/src/vendors/registry.ts', 'shared/src/vendors/wire.ts', 'worker/src/vendors/index.ts', 'worker/src/vendors/routers.ts', 'extension/src/vendors/index.ts', 'worker/demo-upstream/app.ts']

/** Every file of the copy outside node_modules, by path, with a hash of its text. */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>()
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const path = relative(root, join(entry.parentPath, entry.name))
    if (!entry.isFile() || path.split('/').includes('node_modules') || path.startsWith('extension/.wxt')) continue
    files.set(path, createHash('sha256').update(readFileSync(join(root, path))).digest('hex'))
  }
  return files
}

/** A package's own binary (tsc, vitest), run with this Node in the copy's package folder. */
const tool = (copy: string, pkg: string, bin: string, args: string[]) =>
  run(process.execPath, [join(copy, pkg, 'node_modules', bin), ...args], { cwd: join(copy, pkg), maxBuffer: 32 << 20 }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`${pkg}: ${bin} ${args.join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`)
  })

/** The packages' own type check (TypeScript 7, as their `typecheck` scripts run it). */
const tsc = (copy: string, pkg: string, project = '.') => tool(copy, pkg, 'typescript-native/bin/tsc', ['--noEmit', '--singleThreaded', '-p', project])
const vitest = (copy: string, pkg: string, args: string[]) => tool(copy, pkg, 'vitest/vitest.mjs', ['run', ...args])

describe('npm run new:vendor', () => {
  let copy = ''
  let before = new Map<string, string>()
  let after = new Map<string, string>()

  beforeAll(async () => {
    copy = copyRepo(REPO)
    before = snapshot(copy)
    await run(process.execPath, [join(copy, 'test/scripts/new-vendor.ts'), NAME, '--root', copy])
    after = snapshot(copy)
  }, HEAVY)
  afterAll(() => rmSync(copy, { recursive: true, force: true }))

  it('writes its folders, registry lines, words and demo block, and nothing else', () => {
    const touched = [...after].filter(([path, hash]) => before.get(path) !== hash).map(([path]) => path)
    const folders = touched.filter((path) => [`shared/src/vendors/${NAME}/`, `worker/src/vendors/${NAME}/`, `extension/src/vendors/${NAME}/`].some((f) => path.startsWith(f)))
    expect(folders.length).toBeGreaterThanOrEqual(15)
    expect(touched.filter((path) => !folders.includes(path)).sort()).toEqual([
      'extension/public/_locales/de/messages.json',
      'extension/public/_locales/en/messages.json',
      'extension/src/vendors/index.ts',
      'shared/src/vendors/id-registry.ts',
      'shared/src/vendors/registry.ts',
      'shared/src/vendors/wire.ts',
      'worker/demo-upstream/app.ts',
      `worker/demo-upstream/${NAME}-app.ts`,
      `worker/demo-upstream/${NAME}.test.ts`,
      'worker/src/vendors/index.ts',
      'worker/src/vendors/routers.ts',
      `worker/test/${NAME}.test.ts`,
    ])
    expect([...before.keys()].filter((path) => !after.has(path))).toEqual([])
  })

  it('only adds to the files it shares with other vendors', () => {
    const text = (root: string, path: string) => readFileSync(join(root, path), 'utf8')
    // Without its own lines and list entries, each file is as it was.
    const without = (source: string) => source.replace(/(, | \| )zephyrid\w*(: zephyrid\w*)?/gi, '').replace(/^.*zephyrid.*\n/gim, '')
    for (const path of SHARED_FILES) expect(without(text(copy, path)), path).toBe(text(REPO, path))
    for (const lang of ['en', 'de']) {
      const path = `extension/public/_locales/${lang}/messages.json`
      const words = JSON.parse(text(copy, path)) as Record<string, unknown>
      const added = Object.keys(words).filter((key) => key.toLowerCase().includes(NAME))
      expect(added).toHaveLength(7)
      expect(JSON.parse(text(REPO, path))).toEqual(Object.fromEntries(Object.entries(words).filter(([key]) => !added.includes(key))))
    }
  })

  it('type-checks in every package', async () => {
    await Promise.all([
      tsc(copy, 'shared').then(() => tsc(copy, 'worker')).then(() => tsc(copy, 'worker', 'test')).then(() => tsc(copy, 'worker', 'demo-upstream')),
      tsc(copy, 'extension'),
    ])
  }, HEAVY)

  it('passes its own tests and the vendor-boundary tests', async () => {
    writeFileSync(join(copy, 'worker/vitest.generated.config.ts'), `export default { test: { environment: 'node', include: ['test/${NAME}.test.ts', 'test/vendor-boundary.test.ts'] } }\n`)
    await Promise.all([
      vitest(copy, 'shared', [`src/vendors/${NAME}`, 'src/source/vendor-boundary.test.ts', 'src/ids'])
        .then(() => vitest(copy, 'worker', ['--config', 'vitest.generated.config.ts']))
        .then(() => vitest(copy, 'worker', ['--config', 'demo-upstream/vitest.config.ts', NAME])),
      vitest(copy, 'extension', [`src/vendors/${NAME}`, 'src/vendors/vendor-boundary.test.ts', 'src/vendors/registry-messages.test.ts']),
    ])
  }, HEAVY)

  it('refuses a name a vendor has, or one that is no identifier, and writes nothing', async () => {
    const refused = (name: string) => run(process.execPath, [join(copy, 'test/scripts/new-vendor.ts'), name, '--root', copy]).then(() => 'written', () => 'refused')
    const kept = snapshot(copy)
    expect([await refused('deepidv'), await refused('Bad-Name'), await refused('')]).toEqual(['refused', 'refused', 'refused'])
    expect(snapshot(copy)).toEqual(kept)
  })
})

