import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { wrangler } from '../scripts/run.ts'
import { RELAY_BUNDLE_ENV } from './stack.ts'

/**
 * Vitest global setup: the Worker bundled once (`wrangler deploy --dry-run`, as a deploy bundles it),
 * so that every relay of the run starts from that file (stack.ts) instead of bundling the sources
 * again. The test files' processes inherit the variable naming it.
 */
export default async function setup() {
  if (process.env[RELAY_BUNDLE_ENV]) return // the whole run's (run-suite.ts)
  const outdir = await mkdtemp(join(tmpdir(), 'idv-lens-relay-bundle-'))
  const { code, output } = await wrangler(['deploy', '--dry-run', '--outdir', outdir, '-c', 'wrangler.toml'], { capture: true })
  if (code !== 0) {
    await rm(outdir, { recursive: true, force: true })
    throw new Error(`Bundling the Worker (wrangler deploy --dry-run) failed (exit ${code}):\n${output}`)
  }
  process.env[RELAY_BUNDLE_ENV] = join(outdir, 'index.js')
  return async () => {
    delete process.env[RELAY_BUNDLE_ENV]
    await rm(outdir, { recursive: true, force: true })
  }
}
