import { execFile } from 'node:child_process'
import { cp, mkdtemp, rm, stat } from 'node:fs/promises'
import { promisify } from 'node:util'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deployTarget } from '../scripts/wrangler-config.ts'
import { onlyReads, selectAudit } from './audit-db.ts'
import { freePort, startProcess, waitForOutput, type Managed } from './processes.ts'
import { DEMO } from './demo-credentials.ts'
import { demoBases, demoWebhookEnv, relayVendorVars, type VendorBases } from './demo-vendors.ts'
import { VENDOR_NAMES, type VendorName } from '@idv-lens/shared/api'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

export { DEMO }

/** `npm run dev`'s AGENT_TOKENS: its agent is an admin (the audit view) and an actor (every action). */
export const DEV_AGENT_TOKENS = `${DEMO.devAgentName}:${DEMO.agentToken}:admin:actor`

/** The demo upstream: each vendor's API as `<name>Base` (demo-vendors.ts). */
export type DemoUpstream = VendorBases & {
  url: string
  process: Managed
  /** How many Persona calls the demo upstream has answered for one API key (default: the relay's). */
  personaCalls(key?: string): Promise<number>
  stop(): Promise<void>
}

/** Webhook deliveries to `target`: from every vendor whose fake signs them, or from `vendors` only. */
export type DemoWebhooks = { target: string; intervalMs: number; vendors?: readonly VendorName[] }

/** Starts the demo upstream (every fake vendor) as its own process; with `webhooks`, it delivers them. */
export async function startDemoUpstream(options: { port?: number; echo?: boolean; webhooks?: DemoWebhooks } = {}): Promise<DemoUpstream> {
  const args = ['worker/demo-upstream/serve.ts', '--port', String(options.port ?? 0)]
  const env: NodeJS.ProcessEnv = {}
  if (options.webhooks) {
    args.push('--webhook-target', options.webhooks.target, '--webhook-interval-ms', String(options.webhooks.intervalMs))
    Object.assign(env, demoWebhookEnv(options.webhooks.vendors))
  }
  const proc = startProcess(process.execPath, args, { cwd: REPO_ROOT, env, echo: options.echo })
  const [, url] = await waitForOutput(proc, /demo upstream listening on (http:\/\/127\.0\.0\.1:\d+)/, 30_000)
  return {
    ...demoBases(url as string),
    url: url as string,
    process: proc,
    async personaCalls(key: string = DEMO.keys.persona) {
      const res = await fetch(`${url}/__demo/stats?scope=${encodeURIComponent(key)}`)
      return ((await res.json()) as { persona: number }).persona
    },
    stop: () => proc.stop(),
  }
}

export type RelayProcess = {
  url: string
  process: Managed
  /**
   * The rows a SQL statement reads from this relay's local audit database (D1), the relay running or
   * not: a read from its SQLite file, any other statement through `wrangler d1 execute`.
   */
  queryAudit<Row>(sql: string): Promise<Row[]>
  /** Where wrangler keeps this relay's state (`--persist-to`). */
  stateDir: string
  stop(): Promise<void>
}

/** Each vendor's demo API (`personaBase`, …): a vendor without one has no key in the relay (its routes answer 503). */
export type RelayOptions = Partial<VendorBases> & {
  port?: number
  agentTokens?: string
  allowedOrigins?: string[]
  vars?: Record<string, string>
  echo?: boolean
  /** Keep the relay's state (Durable Objects included) here, across a restart; the caller removes it. */
  persistTo?: string
  /** Wrangler's DevTools inspector, for a person at `npm run dev`; the tests' relays go without it. */
  devtools?: boolean
}

/**
 * The secrets wrangler.toml requires: wrangler dev takes them from its environment as secrets (as
 * `wrangler secret put` gives them in production), and warns of each one missing. Each is given,
 * empty when unset (the relay reads empty as unset), so that none comes from the shell's own
 * environment either.
 */
const RELAY_SECRETS: readonly string[] = deployTarget(undefined).requiredSecrets

/**
 * Starts the real Worker under `wrangler dev` (workerd), configured like production: its vars
 * through --var, its secrets as secrets (RELAY_SECRETS). Each relay keeps its state (the Cache API included) in a directory of its own,
 * removed when it stops: what it serves was fetched by it, never left behind by another run.
 */
export async function startRelay(options: RelayOptions): Promise<RelayProcess> {
  // The ports are free when chosen, not when wrangler binds them: another process (a second copy
  // of the suite) can take one in between. Only that collision is tried again, on new ports.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startRelayOnce(options)
    } catch (err) {
      if (attempt >= PORT_ATTEMPTS || !isPortCollision(err)) throw err
    }
  }
}

/** How often a start that lost its chosen port to another process is tried again, on new ports. */
export const PORT_ATTEMPTS = 3

/** Whether wrangler failed because a port chosen for it was taken before it could bind it. */
export const isPortCollision = (err: unknown): boolean => String((err as Error).message).includes('Address already in use')

async function startRelayOnce(options: RelayOptions): Promise<RelayProcess> {
  const port = options.port ?? (await freePort())
  const vars: Record<string, string> = {
    ...vendorVars(options),
    ALLOWED_ORIGINS: (options.allowedOrigins ?? [DEMO.extensionOrigin]).join(','),
    // The demo agent is an admin, so the audit view can be tried locally.
    AGENT_TOKENS: options.agentTokens ?? `${DEMO.agentName}:${DEMO.agentToken}:admin`,
    ...options.vars,
  }
  const args = ['dev', ...bundleArgs(), '-c', 'wrangler.toml', '--ip', '127.0.0.1', '--port', String(port)]
  args.push('--show-interactive-dev-session=false', '--log-level', 'info')
  if (options.devtools) args.push('--inspector-port', String(await freePort()))
  const persistTo = options.persistTo ?? (await mkdtemp(join(tmpdir(), 'idv-lens-relay-')))
  args.push('--persist-to', persistTo)
  const secrets = Object.fromEntries(RELAY_SECRETS.map((name) => [name, vars[name] ?? '']))
  for (const [key, value] of Object.entries(vars)) if (!(key in secrets)) args.push('--var', `${key}:${value}`)
  let proc: Managed | undefined
  const stop = async () => {
    await proc?.stop()
    if (!options.persistTo) await rm(persistTo, { recursive: true, force: true })
  }
  try {
    await prepareAuditState(persistTo)
    proc = startProcess(`${REPO_ROOT}worker/node_modules/.bin/wrangler`, args, {
      cwd: REPO_ROOT,
      // No call to Cloudflare for a sample `request.cf` (the relay reads none of it): a local relay
      // starts the same offline, behind a firewall (up to 3 s each) or not, and says nothing of it.
      env: {
        ...secrets,
        ...withoutDevtools(options.devtools),
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        WRANGLER_SEND_METRICS: 'false',
        NO_COLOR: '1',
        CI: process.env.CI ?? '',
      },
      echo: options.echo,
    })
    await waitForOutput(proc, /Ready on http:\/\/127\.0\.0\.1:\d+/, 90_000)
  } catch (err) {
    await stop()
    throw err
  }
  const queryAudit = async <Row>(sql: string) => {
    if (onlyReads(sql)) return selectAudit<Row>(persistTo, sql)
    const { stdout } = await localAuditDb(persistTo, ['execute', 'AUDIT_DB', '--json', '--command', sql])
    return (JSON.parse(stdout) as [{ results: Row[] }])[0].results
  }
  return { url: `http://127.0.0.1:${port}`, process: proc, queryAudit, stateDir: persistTo, stop }
}

/** Each vendor given a base: the relay's variables for its base and demo key (demo-vendors.ts). */
const vendorVars = (bases: Partial<VendorBases>): Record<string, string> =>
  Object.assign({}, ...VENDOR_NAMES.map((name) => (bases[`${name}Base`] ? relayVendorVars(name, bases[`${name}Base`]!) : {})))

/**
 * wrangler dev has no flag to turn its inspector off (its startWorker API takes `inspector: false`); it
 * leaves it off in VS Code's debug terminal, which it knows by this variable. Attached, the inspector
 * costs every request about 2.3 ms more CPU: wrangler's Node 2.5 ms instead of 1.35, its proxy's workerd
 * 2.6 ms instead of 1.9, the Worker's workerd 3.1 ms instead of 2.7.
 */
const withoutDevtools = (devtools: boolean | undefined): Record<string, string> => (devtools ? {} : { VSCODE_INSPECTOR_OPTIONS: '{}' })

/**
 * Where the test run's global setup (harness/relay-bundle.ts) keeps the Worker bundled once, as
 * `wrangler deploy` bundles it: each relay then starts from that file (`--no-bundle`) instead of
 * running esbuild and its watcher over the sources again. Unset, wrangler dev bundles as usual.
 */
export const RELAY_BUNDLE_ENV = 'IDV_LENS_RELAY_BUNDLE'

const bundleArgs = (): string[] => {
  const bundle = process.env[RELAY_BUNDLE_ENV]
  return bundle ? [bundle, '--no-bundle'] : []
}

/**
 * Where the test run's global setup (harness/audit-template.ts) keeps a state directory with the audit
 * schema applied: each relay starts from a copy of it, so the suite runs wrangler's migrations once.
 */
export const AUDIT_TEMPLATE_ENV = 'IDV_LENS_AUDIT_TEMPLATE'

/** A relay's state directory with the audit schema in it; kept as it is when it already holds state (a restart). */
async function prepareAuditState(persistTo: string): Promise<void> {
  const template = process.env[AUDIT_TEMPLATE_ENV]
  if (!template) return applyAuditMigrations(persistTo)
  const holdsState = await stat(join(persistTo, 'v3')).then(
    () => true,
    () => false,
  )
  if (!holdsState) await cp(template, persistTo, { recursive: true })
}

/** The audit database's schema (worker/migrations), applied to a relay's local state before it starts. */
export async function applyAuditMigrations(persistTo: string): Promise<void> {
  await localAuditDb(persistTo, ['migrations', 'apply', 'AUDIT_DB'])
}

/** `wrangler d1 <args>` on the local audit database kept in `persistTo`. */
function localAuditDb(persistTo: string, args: string[]): Promise<{ stdout: string }> {
  const wrangler = `${REPO_ROOT}worker/node_modules/.bin/wrangler`
  return promisify(execFile)(wrangler, ['d1', ...args, '--local', '--persist-to', persistTo, '-c', 'wrangler.toml'], {
    cwd: REPO_ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', CI: '1' },
    // Bounded, so a stack's start fails with the harness's message before the test's hook timeout (vitest.config.ts).
    timeout: 120_000,
  })
}

export type Stack = { upstream: DemoUpstream; relay: RelayProcess; stop(): Promise<void> }

/** Where a stack answers: all a test needs that neither restarts it nor counts its calls. */
export type StackAddress = { upstream: Pick<DemoUpstream, 'url' | 'personaBase' | 'deepidvBase'>; relay: Pick<RelayProcess, 'url'> }

/** Demo upstream + Worker, as `npm run dev` starts them. */
export async function startStack(options: Partial<RelayOptions> & { upstreamPort?: number } = {}): Promise<Stack> {
  const upstream = await startDemoUpstream({ port: options.upstreamPort, echo: options.echo })
  try {
    const relay = await startRelay({
      personaBase: upstream.personaBase,
      deepidvBase: upstream.deepidvBase,
      stripeBase: upstream.stripeBase,
      onfidoBase: upstream.onfidoBase,
      sumsubBase: upstream.sumsubBase,
      ...options,
    })
    return {
      upstream,
      relay,
      async stop() {
        await relay.stop()
        await upstream.stop()
      },
    }
  } catch (err) {
    await upstream.stop()
    throw err
  }
}
