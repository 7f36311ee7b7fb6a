import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'

/** Where each built variant's files are (the folder holding its manifest.json). */
export type BuiltExtensions = { chrome: string; chromeDev: string; firefox: string }

declare module 'vitest' {
  export interface ProvidedContext {
    builtExtensions: BuiltExtensions
  }
}

const EXTENSION_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Each variant, built once with the package's own scripts into extension/.output: the store builds
 * through `wxt zip` (the Chrome zip; the Firefox zip and its sources zip for AMO), the development
 * build that the browser tests load. The tests here read those manifests and icons, lint:firefox
 * lints that zip, and `npm test`'s browser tests load the same folders instead of building again.
 */
const VARIANTS = [
  { key: 'chrome', script: 'zip', dir: 'chrome-mv3' },
  { key: 'firefox', script: 'zip:firefox', dir: 'firefox-mv3' },
  { key: 'chromeDev', script: 'build:dev', dir: 'chrome-mv3-dev' },
] as const

/**
 * Vitest global setup. Each build runs in a child process: WXT's build must not share a process with
 * the WXT Vitest plugin. The store builds never carry the test hooks, whatever the shell exported.
 */
export default function setup(project: TestProject) {
  const env = { ...process.env }
  delete env.IDV_LENS_INSTRUMENTATION
  for (const v of VARIANTS) {
    try {
      execFileSync('pnpm', ['run', v.script], { cwd: EXTENSION_ROOT, env, stdio: 'pipe' })
    } catch (err) {
      const { stdout, stderr } = err as { stdout?: Buffer; stderr?: Buffer }
      throw new Error(`Building the ${v.key} variant (pnpm run ${v.script}) failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`)
    }
  }
  project.provide('builtExtensions', Object.fromEntries(VARIANTS.map((v) => [v.key, join(EXTENSION_ROOT, '.output', v.dir)])) as BuiltExtensions)
}
