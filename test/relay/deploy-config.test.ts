import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'smol-toml'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../harness/stack.ts'
import { deployTarget, placeholders, WRANGLER_CONFIG } from '../scripts/wrangler-config.ts'

// The deployments in wrangler.toml as `npm run deploy` reads them (wrangler itself checks the file in
// the bundle check, `wrangler deploy --dry-run` per environment, which is also part of `npm test`).
type Env = {
  workers_dev?: boolean
  preview_urls?: boolean
  vars?: Record<string, string>
  secrets?: { required?: string[] }
  d1_databases?: { binding: string }[]
  kv_namespaces?: { binding: string }[]
  durable_objects?: { bindings?: { name: string; class_name: string }[] }
  analytics_engine_datasets?: { binding: string; dataset: string }[]
  triggers?: { crons?: string[] }
  observability?: { enabled?: boolean; logs?: { enabled?: boolean; invocation_logs?: boolean } }
}
const raw = parse(readFileSync(WRANGLER_CONFIG, 'utf8')) as Env & { env: Record<string, Env> }

describe('wrangler.toml deployments', () => {
  it('keeps production off workers.dev and preview URLs, on its own custom domain', () => {
    expect(raw.env.production).toMatchObject({ workers_dev: false, preview_urls: false })
    const production = deployTarget('production')
    expect(production).toMatchObject({ workerName: 'idv-lens-relay', workersDev: false, hosts: ['idv-lens.example.com'] })
    expect(deployTarget('staging')).toMatchObject({ workerName: 'idv-lens-relay-staging', hosts: ['idv-lens-staging.example.com'] })
    // A trial deploy of the top level must never replace production.
    expect(new Set([deployTarget(undefined).workerName, deployTarget('staging').workerName, production.workerName]).size).toBe(3)
  })

  it('repeats every top-level var and binding in each environment (wrangler does not inherit them) and requires AGENT_TOKENS and CACHE_KEY_SECRET there', () => {
    const bindings = (env: Env) => [
      ...(env.d1_databases ?? []).map((d) => `d1:${d.binding}`),
      ...(env.kv_namespaces ?? []).map((k) => `kv:${k.binding}`),
      ...(env.durable_objects?.bindings ?? []).map((d) => `do:${d.name}:${d.class_name}`),
      ...(env.analytics_engine_datasets ?? []).map((d) => `ae:${d.binding}`),
    ]
    for (const name of ['staging', 'production']) {
      expect(Object.keys(raw.env[name]?.vars ?? {}).sort(), name).toEqual(Object.keys(raw.vars ?? {}).sort())
      expect(bindings(raw.env[name]!).sort(), name).toEqual(bindings(raw).sort())
      expect(raw.env[name]?.triggers, name).toEqual(raw.triggers)
      expect(raw.env[name]?.secrets?.required, name).toEqual(['AGENT_TOKENS', 'CACHE_KEY_SECRET'])
      expect(deployTarget(name).requiredSecrets, name).toEqual(raw.env[name]?.secrets?.required)
    }
    // The top level's (local development: the harness gives wrangler dev each of these as a secret).
    expect(deployTarget(undefined).requiredSecrets).toEqual(raw.secrets?.required)
    expect(deployTarget(undefined).requiredSecrets).toContain('PERSONA_API_KEY')
    // The metrics binding everywhere (a no-op dataset locally), and each deployment's data points apart.
    const datasets = [raw, raw.env.staging!, raw.env.production!].map(
      (env) => env.analytics_engine_datasets?.find((d) => d.binding === 'METRICS')?.dataset,
    )
    expect(datasets).toEqual(['idv_lens_relay_dev', 'idv_lens_relay_staging', 'idv_lens_relay'])
  })

  it("keeps the platform's invocation logs (full URLs with their query strings) off everywhere, the relay's own log lines on", () => {
    for (const [name, env] of [
      ['top level', raw],
      ['staging', raw.env.staging!],
      ['production', raw.env.production!],
    ] as const) {
      expect(env.observability, name).toEqual({ enabled: true, logs: { invocation_logs: false } })
    }
  })

  it('names the placeholders an administrator must fill in', () => {
    expect(placeholders(deployTarget('production'))).toEqual([
      '[env.production]: the route idv-lens.example.com is a placeholder; use a hostname in your zone',
      '[env.production]: ALLOWED_ORIGINS is empty; the extension could not call the relay',
      '[env.production]: the D1 database AUDIT_DB has the placeholder database_id; create it with `npm run wrangler -- d1 create <name>`',
      '[env.production]: the KV namespace OAUTH_KV has the placeholder id; create it with `npm run wrangler -- kv namespace create OAUTH_KV`',
    ])
    expect(
      placeholders({
        ...deployTarget('production'),
        hosts: ['relay.acme.io'],
        allowedOrigins: ['chrome-extension://abc'],
        placeholderDatabases: [],
        placeholderKv: [],
      }),
    ).toEqual([])
    expect(() => deployTarget('qa')).toThrow(/no \[env.qa\]/)
  })

  // What a deploy run printed, its exit code (0 when it succeeded) and what of its own it left in its
  // temporary directory (one for the run). A run is stopped after 2 minutes.
  const deploy = async (...args: string[]) => {
    const tmp = mkdtempSync(join(tmpdir(), 'idv-lens-deploy-test-'))
    try {
      const run = promisify(execFile)(process.execPath, ['test/scripts/deploy.ts', ...args], {
        cwd: REPO_ROOT,
        timeout: 120_000,
        env: { ...process.env, TMPDIR: tmp },
      })
      const result = await run.then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (err: { code: number | null; stdout: string; stderr: string }) => ({
          code: err.code ?? -1,
          stdout: err.stdout,
          stderr: err.stderr,
        }),
      )
      // Ours only: wrangler keeps a cache of its own there (update-check).
      return { ...result, leftBehind: readdirSync(tmp).filter((name) => name.startsWith('idv-lens-')) }
    } finally {
      rmSync(tmp, { recursive: true, force: true })
    }
  }

  it('npm run deploy -- --dry-run checks the configuration and bundles without the worker tests, and prints the size and its time', async () => {
    const result = await deploy('--env', 'production', '--dry-run')
    expect(result.stdout).not.toMatch(/worker tests first/)
    expect(result.stderr).toMatch(/note, before a real deploy:\n {2}- \[env.production\]: the route idv-lens.example.com/)
    expect(result.stdout).toMatch(/bundle: .*gzip/i)
    const took = result.stdout.match(/dry run complete in ([\d.]+) s/)
    expect(result.code, result.stderr).toBe(0)
    expect(result.leftBehind, 'the bundle is removed').toEqual([])
    // A figure, not a threshold: printed for the reader, as the deploy command prints it.
    console.log(`deploy --dry-run took ${took?.[1]} s`)
  }, 150_000)

  it('npm run deploy -- --ci-passed <commit> refuses a commit that is not the one checked out, before testing or bundling', async () => {
    const result = await deploy('--ci-passed', '0000000')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/--ci-passed: 0000000 is not the commit checked out/)
    expect(result.stdout).not.toMatch(/worker tests first/)
    expect(result.stdout).not.toMatch(/bundle/)
  }, 150_000)

  it('npm run deploy refuses a real deploy while placeholders remain, before testing, bundling or uploading anything', async () => {
    const run = promisify(execFile)(process.execPath, ['test/scripts/deploy.ts', '--env', 'production'], { cwd: REPO_ROOT })
    const failed = (await run.then(
      () => null,
      (err: unknown) => err,
    )) as { code: number; stdout: string; stderr: string } | null
    expect(failed?.code).toBe(1)
    expect(failed?.stderr).toMatch(/wrangler.toml still has placeholders:\n {2}- \[env.production\]: the route idv-lens.example.com/)
    expect(failed?.stdout).not.toMatch(/worker tests/)
  })
})
