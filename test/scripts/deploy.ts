/**
 * `npm run deploy [-- --env staging|production] [-- --dry-run] [-- --ci-passed <commit>] [-- <more wrangler deploy flags>]`
 * A real deploy refuses wrangler.toml's placeholders (a dry run lists them) and first runs the worker's
 * type check and tests, unless `--ci-passed <commit>` says CI passed them for HEAD with nothing
 * uncommitted; a dry run only asks whether the configuration is complete and the Worker bundles. The
 * pinned wrangler then checks, bundles, prints the size against Cloudflare's limits and, unless
 * --dry-run, uploads; after a real deploy the smoke check runs against the relay (IDV_LENS_TOKEN).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundleSize, describeBundleSize } from './bundle-size.ts'
import { run, wrangler } from './run.ts'
import { formatSmoke, smoke } from './smoke-checks.ts'
import { deployTarget, placeholders } from './wrangler-config.ts'

type DeployArgs = { env: string | undefined; dryRun: boolean; ciPassed: string | undefined; passThrough: string[] }

/** `--env X`, `--env=X`, `-e X`, `--dry-run` and `--ci-passed <commit>` are ours; everything else goes to `wrangler deploy` as given. */
function parseDeployArgs(argv: string[]): DeployArgs {
  const args: DeployArgs = { env: undefined, dryRun: false, ciPassed: undefined, passThrough: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--dry-run') args.dryRun = true
    else if (arg === '--env' || arg === '-e') args.env = argv[++i]
    else if (arg.startsWith('--env=')) args.env = arg.slice('--env='.length)
    else if (arg === '--ci-passed') args.ciPassed = argv[++i] ?? ''
    else if (arg.startsWith('--ci-passed=')) args.ciPassed = arg.slice('--ci-passed='.length)
    else args.passThrough.push(arg)
  }
  return { ...args, env: args.env || undefined }
}

const startedAt = performance.now()
const { env, dryRun, ciPassed, passThrough } = parseDeployArgs(process.argv.slice(2))

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

if (dryRun) {
  console.log('deploy: dry run: configuration and bundle only (the worker tests are for a real deploy)')
} else if (ciPassed !== undefined) {
  const problem = await ciPassedProblem(ciPassed)
  if (problem) fail(`--ci-passed: ${problem}; nothing was deployed.`)
  console.log(`deploy: worker tests skipped: CI passed them for ${ciPassed}, the commit checked out`)
} else {
  console.log('deploy: type check and worker tests first (pnpm -F @idv-lens/worker test)')
  if ((await run('pnpm', ['-F', '@idv-lens/worker', 'test'])).code !== 0) fail('the worker tests failed; nothing was deployed.')
}

const outdir = mkdtempSync(join(tmpdir(), 'idv-lens-bundle-'))
// Removed on exit, not in a finally: the dry run and fail() end the process with process.exit, which
// skips one. Ctrl+C exits too (wrangler, in the same process group, gets it as well).
process.once('exit', () => rmSync(outdir, { recursive: true, force: true }))
process.once('SIGINT', () => process.exit(130))
// `--env ""` names the top level explicitly (wrangler warns when several environments exist and none is named).
const args = ['deploy', '--env', env ?? '', '--outdir', outdir, ...(dryRun ? ['--dry-run'] : []), ...passThrough]
const deployed = await wrangler(args, { capture: true, echo: true })
if (deployed.code !== 0) fail(`wrangler deploy failed (exit ${deployed.code}).`)
const size = describeBundleSize('bundle', bundleSize(outdir))
console.log(size.lines.join('\n'))
if (!size.ok) fail("the bundle is over Cloudflare's 10 MB limit.")
if (dryRun) {
  console.log(`deploy: dry run complete in ${((performance.now() - startedAt) / 1000).toFixed(1)} s (nothing uploaded).`)
  process.exit(0)
}

const url = target.hosts[0] ? `https://${target.hosts[0]}` : deployed.output.match(/https:\/\/[a-z0-9.-]+\.workers\.dev/)?.[0]
if (!url) fail('deployed, but could not tell its URL for the smoke check: run `npm run smoke -- <url>` yourself.')
console.log(`\ndeploy: smoke check against ${url}`)
const results = await smoke({ url, token: process.env.IDV_LENS_TOKEN, origins: target.allowedOrigins })
console.log(formatSmoke(results))
if (!results.every((r) => r.ok)) fail('deployed, but the smoke check failed (see above).')

/**
 * Why `--ci-passed <commit>` cannot stand for the tests, or null: the commit must be the one checked
 * out (a prefix of HEAD's hash, at least 7 characters) and nothing may differ from it, or what CI
 * tested is not what would be deployed.
 */
async function ciPassedProblem(commit: string): Promise<string | null> {
  if (!/^[0-9a-f]{7,40}$/i.test(commit)) return `"${commit}" is not a commit hash (7 to 40 hex characters)`
  const head = (await run('git', ['rev-parse', 'HEAD'], { capture: true })).output.trim()
  if (!head.startsWith(commit.toLowerCase())) return `${commit} is not the commit checked out (${head.slice(0, 12)})`
  const changes = (await run('git', ['status', '--porcelain', '--untracked-files=no'], { capture: true })).output.trim()
  if (changes) return 'the working tree has uncommitted changes, so it is not the commit CI tested'
  return null
}
