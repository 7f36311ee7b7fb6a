import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EAGER_LIMIT_GZIP } from '../../extension/test-support/eager-budget.ts'
import { copyRepo } from './repo-copy.ts'

/*
`npm run new:vendor -- <name>` (test/scripts/new-vendor.ts), run in a throwaway copy of the packages it
writes to: the stub vendor type-checks in every package that reads the registries, passes its own
tests and shared's ID and boundary tests, has its words in every language, keeps the eager content
script (built alone) and each of its parts within budget; the generator writes only its folders,
registry lines and words. An unusual name: "stub" would trip the worker's boundary test by itself.
*/
const REPO = join(import.meta.dirname, '../..')
const NAME = 'zephyrid'
const run = promisify(execFile)
// A bound, not a measure: about 25 s of CPU in all, which a loaded 2-core machine can stretch several times.
const HEAVY = 300_000
const SHARED_FILES = [
  'shared/src/vendors/id-registry.ts',
  'shared/src/vendors/registry.ts',
  'shared/src/vendors/wire.ts',
  'worker/src/vendors/index.ts',
  'worker/src/vendors/routers.ts',
  'extension/src/vendors/index.ts',
  'worker/demo-upstream/vendors.ts',
]

/** What a snapshot skips: installed and generated folders. */
const NOT_SOURCES = new Set(['node_modules', '.wxt', '.output'])

/** Every file of the copy outside node_modules and build output, by path, with a hash of its text. */
function snapshot(root: string, dir = '', files = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory() && !NOT_SOURCES.has(entry.name)) snapshot(root, path, files)
    else if (entry.isFile())
      files.set(
        path,
        createHash('sha256')
          .update(readFileSync(join(root, path)))
          .digest('hex'),
      )
  }
  return files
}

type Tool = { pkg: string; bin: string; args: string[]; cwd?: string; env?: Record<string, string> }

/** A package's own binary (tsc, vitest, wxt), run with this Node in the copy's package folder (or `cwd`). */
const tool = (copy: string, { pkg, bin, args, cwd = pkg, env = {} }: Tool) =>
  run(process.execPath, [join(copy, pkg, 'node_modules', bin), ...args], {
    cwd: join(copy, cwd),
    env: { ...process.env, ...env },
    maxBuffer: 32 << 20,
  }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`${pkg}: ${bin} ${args.join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`)
  })

/** The packages' own type check (TypeScript 7, as their `typecheck` scripts run it). */
const tsc = (copy: string, pkg: string, project = '.') =>
  tool(copy, { pkg, bin: 'typescript-native/bin/tsc', args: ['--noEmit', '--singleThreaded', '-p', project] })
// The root has no Vitest of its own: it runs shared's. The extension's tests read no builds (SKIP_EXTENSION_BUILD).
const vitest = (copy: string, cwd: string, args: string[]) =>
  tool(copy, {
    pkg: cwd === '.' ? 'shared' : cwd,
    bin: 'vitest/vitest.mjs',
    args: ['run', ...args],
    cwd,
    env: { SKIP_EXTENSION_BUILD: '1' },
  })

/** One Vitest run of the packages' own configs for shared's, the worker's and the demo upstream's tests (Node: no workerd started). */
const SHARED_AND_WORKER = `import { nodeProject } from './worker/vitest.node.ts'
export default { test: { projects: ['shared/vitest.config.ts', 'worker/demo-upstream/vitest.config.ts', nodeProject] } }
`

describe('npm run new:vendor', () => {
  let copy = ''
  let before = new Map<string, string>()
  let after = new Map<string, string>()

  beforeAll(async () => {
    copy = copyRepo(REPO, ['shared', 'worker', 'extension', 'test/bench/ticket-page.ts'])
    before = snapshot(copy)
    await run(process.execPath, [join(REPO, 'test/scripts/new-vendor.ts'), NAME, '--root', copy])
    after = snapshot(copy)
  }, HEAVY)
  afterAll(() => rmSync(copy, { recursive: true, force: true }))

  it('writes its folders, registry lines and words, and nothing else', () => {
    const touched = [...after].filter(([path, hash]) => before.get(path) !== hash).map(([path]) => path)
    const folders = touched.filter((path) =>
      [
        `shared/src/vendors/${NAME}/`,
        `worker/src/vendors/${NAME}/`,
        `worker/demo-upstream/${NAME}/`,
        `extension/src/vendors/${NAME}/`,
      ].some((f) => path.startsWith(f)),
    )
    expect(folders.length).toBeGreaterThanOrEqual(15)
    expect(touched.filter((path) => !folders.includes(path)).sort()).toEqual([
      'extension/src/vendors/index.ts',
      'shared/src/vendors/id-registry.ts',
      'shared/src/vendors/registry.ts',
      'shared/src/vendors/wire.ts',
      'worker/demo-upstream/access.ts',
      'worker/demo-upstream/vendors.ts',
      'worker/src/vendors/index.ts',
      'worker/src/vendors/routers.ts',
    ])
    expect([...before.keys()].filter((path) => !after.has(path))).toEqual([])
  })

  it('writes them as the format check wants them', async () => {
    const paths = [
      ...SHARED_FILES,
      ...['shared/src/vendors', 'worker/src/vendors', 'worker/demo-upstream', 'extension/src/vendors'].map((p) => `${p}/${NAME}`),
    ]
    await run(join(copy, 'node_modules/.bin/biome'), ['format', ...paths], { cwd: copy })
  })

  it('only adds to the files it shares with other vendors', () => {
    const text = (root: string, path: string) => readFileSync(join(root, path), 'utf8')
    // Without its own lines and list entries, each file is as it was, but for line breaks: an entry
    // can take a list or union past the line's width, so the formatter writes one member per line.
    const without = (source: string) => source.replace(/(, | \| )zephyrid\w*(: zephyrid\w*)?/gi, '').replace(/^.*zephyrid.*\n/gim, '')
    const unwrapped = (source: string) =>
      source
        .replace(/\s+/g, ' ')
        .replace(/= \| /g, '= ')
        .replace(/([[{(]) /g, '$1')
        .replace(/,? ([\]})])/g, '$1')
    for (const path of SHARED_FILES) expect(unwrapped(without(text(copy, path))), path).toBe(unwrapped(text(REPO, path)))
    // Its words are its folder's, the same keys in each language the extension has.
    const words = (lang: string) =>
      Object.keys(JSON.parse(text(copy, `extension/src/vendors/${NAME}/_locales/${lang}/messages.json`)) as object)
    expect(words('en')).toHaveLength(7)
    expect(words('de')).toEqual(words('en'))
    expect(readdirSync(join(REPO, 'extension/public/_locales')).sort()).toEqual(['de', 'en'])
  })

  it(
    'type-checks in every package that reads the registries',
    async () => {
      // Demo-upstream and the extension compile what they import of the others.
      await Promise.all([
        tsc(copy, 'shared')
          .then(() => tsc(copy, 'worker'))
          .then(() => tsc(copy, 'worker', 'demo-upstream')),
        tsc(copy, 'extension'),
      ])
    },
    HEAVY,
  )

  it(
    "passes its own tests, shared's ID and boundary tests, and keeps the eager parts in budget",
    async () => {
      writeFileSync(join(copy, 'vitest.scaffold.config.ts'), SHARED_AND_WORKER)
      await Promise.all([
        vitest(copy, '.', ['--config', 'vitest.scaffold.config.ts', NAME, 'shared/src/source/vendor-boundary.test.ts', 'shared/src/ids/']),
        vitest(copy, 'extension', [
          '--project',
          'threads',
          '--project',
          'fresh',
          `src/vendors/${NAME}`,
          'src/vendors/registry-messages.test.ts',
          'eager-parts.test.ts',
        ]),
      ])
    },
    HEAVY,
  )

  it(
    'builds its words into the catalogues, and keeps the eager content script, built alone, within its budget',
    async () => {
      await tool(copy, {
        pkg: 'extension',
        bin: 'wxt/bin/wxt.mjs',
        args: ['build', '-e', 'inline-lookups'],
        env: { IDV_LENS_INSTRUMENTATION: '' },
      })
      const built = (path: string) => readFileSync(join(copy, 'extension/.output/chrome-mv3', path))
      for (const lang of ['en', 'de'])
        expect(JSON.parse(built(`_locales/${lang}/messages.json`).toString())).toHaveProperty(
          `tab${NAME[0]!.toUpperCase()}${NAME.slice(1)}`,
        )
      const eager = built('content-scripts/inline-lookups.js')
      expect(eager.toString()).toContain(`${NAME}_`)
      expect(gzipSync(eager, { level: 9 }).length).toBeLessThanOrEqual(EAGER_LIMIT_GZIP)
    },
    HEAVY,
  )

  it('refuses a name a vendor has, or one that is no identifier, and writes nothing', async () => {
    const refused = (name: string) =>
      run(process.execPath, [join(REPO, 'test/scripts/new-vendor.ts'), name, '--root', copy]).then(
        () => 'written',
        () => 'refused',
      )
    const kept = snapshot(copy)
    expect([await refused('deepidv'), await refused('Bad-Name'), await refused('')]).toEqual(['refused', 'refused', 'refused'])
    expect(snapshot(copy)).toEqual(kept)
  })
})
