/**
 * Reads the repository's `wrangler.toml` the way wrangler resolves an environment: a named environment
 * takes its own name, routes, vars and `workers_dev`; nothing of `[vars]` is inherited.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'smol-toml'

// Its own path, not harness/stack.ts's REPO_ROOT: the harness reads its relay's secrets from here.
export const WRANGLER_CONFIG = fileURLToPath(new URL('../../wrangler.toml', import.meta.url))

type Route = string | { pattern: string; custom_domain?: boolean; zone_name?: string }
type RawEnvironment = {
  name?: string
  routes?: Route[]
  route?: Route
  workers_dev?: boolean
  vars?: Record<string, string>
  d1_databases?: { binding: string; database_id?: string }[]
  kv_namespaces?: { binding: string; id?: string }[]
  secrets?: { required?: string[] }
}
type RawConfig = RawEnvironment & { env?: Record<string, RawEnvironment> }

export type DeployTarget = {
  /** `undefined` for the top level (local development, or a personal workers.dev deployment). */
  env: string | undefined
  workerName: string
  /** Hostnames the Worker answers on besides workers.dev (custom domains and route hosts). */
  hosts: string[]
  workersDev: boolean
  allowedOrigins: string[]
  /** D1 bindings whose database_id is still the all-zero placeholder. */
  placeholderDatabases: string[]
  /** KV bindings whose id is still the all-zero placeholder. */
  placeholderKv: string[]
  /** The secrets wrangler requires of this target (`[secrets] required`, not inherited either). */
  requiredSecrets: string[]
}

export function deployTarget(env: string | undefined, path = WRANGLER_CONFIG): DeployTarget {
  const config = parse(readFileSync(path, 'utf8')) as RawConfig
  const chosen = env === undefined ? config : config.env?.[env]
  if (!chosen) throw new Error(`wrangler.toml has no [env.${env}] (known: ${Object.keys(config.env ?? {}).join(', ') || 'none'})`)
  const routes = [...(chosen.routes ?? []), ...(chosen.route ? [chosen.route] : [])]
  return {
    env,
    workerName: chosen.name ?? `${config.name}${env ? `-${env}` : ''}`,
    hosts: routes.map((r) => (typeof r === 'string' ? r : r.pattern).replace(/\/.*$/, '').replace(/^\*\.?/, '')),
    // Wrangler's default: on workers.dev unless routes are configured.
    workersDev: chosen.workers_dev ?? routes.length === 0,
    allowedOrigins: (chosen.vars?.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    placeholderDatabases: (chosen.d1_databases ?? [])
      .filter((d) => !d.database_id || /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(d.database_id))
      .map((d) => d.binding),
    placeholderKv: (chosen.kv_namespaces ?? []).filter((k) => !k.id || /^0{32}$/.test(k.id)).map((k) => k.binding),
    requiredSecrets: chosen.secrets?.required ?? [],
  }
}

/** What an administrator still has to fill in before this target can serve agents. */
export function placeholders(target: DeployTarget): string[] {
  const where = target.env ? `[env.${target.env}]` : 'the top level'
  const missing: string[] = []
  for (const host of target.hosts)
    if (/(^|\.)example\.(com|org|net)$/.test(host))
      missing.push(`${where}: the route ${host} is a placeholder; use a hostname in your zone`)
  if (target.allowedOrigins.length === 0) missing.push(`${where}: ALLOWED_ORIGINS is empty; the extension could not call the relay`)
  for (const binding of target.placeholderDatabases)
    missing.push(
      `${where}: the D1 database ${binding} has the placeholder database_id; create it with \`npm run wrangler -- d1 create <name>\``,
    )
  for (const binding of target.placeholderKv)
    missing.push(
      `${where}: the KV namespace ${binding} has the placeholder id; create it with \`npm run wrangler -- kv namespace create ${binding}\``,
    )
  return missing
}
