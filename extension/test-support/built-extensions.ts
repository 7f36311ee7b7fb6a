import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
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
 * Vitest global setup: builds what the stores get (Chrome/Edge production, Firefox MV3) and the
 * development build into a temporary folder, so tests read the real manifest and icons without
 * touching extension/.output (which the browser tests and `npm run dev` use). Each build runs in a
 * child process: WXT's build must not share a process with the WXT Vitest plugin.
 */
export default function setup(project: TestProject) {
  const outRoot = mkdtempSync(join(tmpdir(), 'idv-lens-build-'))
  const variants = [
    { key: 'chrome', browser: 'chrome', mode: 'production', dir: 'chrome-mv3' },
    { key: 'chromeDev', browser: 'chrome', mode: 'development', dir: 'chrome-mv3-dev' },
    { key: 'firefox', browser: 'firefox', mode: 'production', dir: 'firefox-mv3' },
  ] as const
  for (const v of variants) {
    const script = `import { build } from 'wxt'
await build({ root: ${JSON.stringify(EXTENSION_ROOT)}, browser: '${v.browser}', manifestVersion: 3, mode: '${v.mode}', outDir: ${JSON.stringify(outRoot)} })`
    try {
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: EXTENSION_ROOT, stdio: 'pipe' })
    } catch (err) {
      const { stdout, stderr } = err as { stdout?: Buffer; stderr?: Buffer }
      throw new Error(`Building the ${v.key} variant failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`)
    }
  }
  project.provide('builtExtensions', Object.fromEntries(variants.map((v) => [v.key, join(outRoot, v.dir)])) as BuiltExtensions)
  return () => rmSync(outRoot, { recursive: true, force: true })
}
