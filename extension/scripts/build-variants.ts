/**
 * `pnpm run build:variants`: each variant the tests read, built with the package's own scripts into
 * .output: the store builds through `wxt zip` (the Chrome zip; the Firefox zip and its sources zip for
 * AMO) and the development build that the browser tests load. The store builds never carry the test
 * hooks, whatever the shell exported.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const EXTENSION_ROOT = fileURLToPath(new URL('../', import.meta.url))

export const VARIANTS = [
  { key: 'chrome', script: 'zip', dir: 'chrome-mv3' },
  { key: 'firefox', script: 'zip:firefox', dir: 'firefox-mv3' },
  { key: 'chromeDev', script: 'build:dev', dir: 'chrome-mv3-dev' },
] as const

export function buildVariants(): void {
  const env = { ...process.env }
  delete env.IDV_LENS_INSTRUMENTATION
  for (const v of VARIANTS) {
    try {
      execFileSync('pnpm', ['run', v.script], { cwd: EXTENSION_ROOT, env, stdio: 'pipe' })
    } catch (err) {
      const { stdout, stderr } = err as { stdout?: Buffer; stderr?: Buffer }
      throw new Error(
        `Building the ${v.key} variant (pnpm run ${v.script}) failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`,
      )
    }
  }
}

if (import.meta.main) buildVariants()
