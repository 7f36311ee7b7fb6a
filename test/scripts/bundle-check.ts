/**
 * Part of `npm test` (the test package): `wrangler deploy --dry-run` for each deployment environment
 * in wrangler.toml, so a configuration wrangler refuses or a bundle over the limit fails CI rather than
 * a deploy. Prints each bundle's gzip size against Cloudflare's limits.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundleSize, describeBundleSize } from './bundle-size.ts'
import { wrangler } from './run.ts'

const ENVIRONMENTS = ['staging', 'production']

let ok = true
for (const env of ENVIRONMENTS) {
  const outdir = mkdtempSync(join(tmpdir(), `idv-lens-bundle-${env}-`))
  try {
    const { code, output } = await wrangler(['deploy', '--env', env, '--dry-run', '--outdir', outdir], { capture: true })
    if (code !== 0) {
      console.error(output)
      console.error(`bundle check: wrangler deploy --dry-run --env ${env} failed (exit ${code})`)
      ok = false
      continue
    }
    const size = describeBundleSize(`bundle check [env.${env}]`, bundleSize(outdir))
    console.log(size.lines.join('\n'))
    ok &&= size.ok
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
}
process.exit(ok ? 0 : 1)
