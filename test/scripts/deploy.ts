/**
 * `npm run deploy [-- --env staging|production] [-- --dry-run] [-- <more wrangler deploy flags>]`
 *
 * 1. a real deploy to a named environment refuses the placeholders still in wrangler.toml;
 * 2. the worker's type check and tests (the same as in `npm test`) must pass, also for a dry run;
 * 3. the pinned wrangler (worker package) bundles, prints the bundle's size against Cloudflare's
 *    limits and, unless --dry-run, uploads;
 * 4. after a real deploy, the smoke check runs against the deployed relay (token from IDV_LENS_TOKEN).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundleSize, describeBundleSize } from './bundle-size.ts'
import { run, wrangler } from './run.ts'
import { formatSmoke, smoke } from './smoke-checks.ts'
import { deployTarget, placeholders } from './wrangler-config.ts'

/** `--env X`, `--env=X`, `-e X` and `--dry-run` are ours; everything else goes to `wrangler deploy` as given. */
function parseDeployArgs(argv: string[]): { env: string | undefined; dryRun: boolean; passThrough: string[] } {
  let env: string | undefined
  let dryRun = false
  const passThrough: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--dry-run') dryRun = true
    else if (arg === '--env' || arg === '-e') env = argv[++i]
    else if (arg.startsWith('--env=')) env = arg.slice('--env='.length)
    else passThrough.push(arg)
  }
  return { env: env || undefined, dryRun, passThrough }
}

const { env, dryRun, passThrough } = parseDeployArgs(process.argv.slice(2))

function fail(message: string): never {
  console.error(`\ndeploy: ${message}`)
  process.exit(1)
}

const target = deployTarget(env)
const label = env ? `[env.${env}] (${target.workerName})` : `the top level (${target.workerName}, workers.dev)`
console.log(`deploy: ${dryRun ? 'dry run of' : 'deploying'} ${label}`)

const missing = placeholders(target)
if (missing.length > 0) {
  const text = missing.map((m) => `  - ${m}`).join('\n')
  if (!dryRun && env !== undefined) fail(`wrangler.toml still has placeholders:\n${text}`)
  console.warn(`deploy: note, before a real deploy:\n${text}`)
}

console.log('deploy: type check and worker tests first (pnpm -F @idv-lens/worker test)')
if ((await run('pnpm', ['-F', '@idv-lens/worker', 'test'])).code !== 0) fail('the worker tests failed; nothing was deployed.')

const outdir = mkdtempSync(join(tmpdir(), 'idv-lens-bundle-'))
try {
  // `--env ""` names the top level explicitly (wrangler warns when several environments exist and none is named).
  const args = ['deploy', '--env', env ?? '', '--outdir', outdir, ...(dryRun ? ['--dry-run'] : []), ...passThrough]
  const deployed = await wrangler(args, { capture: true, echo: true })
  if (deployed.code !== 0) fail(`wrangler deploy failed (exit ${deployed.code}).`)
  const size = describeBundleSize('bundle', bundleSize(outdir))
  console.log(size.lines.join('\n'))
  if (!size.ok) fail('the bundle is over Cloudflare\'s 10 MB limit.')
  if (dryRun) {
    console.log('deploy: dry run complete (nothing uploaded).')
    process.exit(0)
  }

  const url = target.hosts[0] ? `https://${target.hosts[0]}` : deployed.output.match(/https:\/\/[a-z0-9.-]+\.workers\.dev/)?.[0]
  if (!url) fail('deployed, but could not tell its URL for the smoke check: run `npm run smoke -- <url>` yourself.')
  console.log(`\ndeploy: smoke check against ${url}`)
  const results = await smoke({ url, token: process.env.IDV_LENS_TOKEN, origins: target.allowedOrigins })
  console.log(formatSmoke(results))
  if (!results.every((r) => r.ok)) fail('deployed, but the smoke check failed (see above).')
} finally {
  rmSync(outdir, { recursive: true, force: true })
}
