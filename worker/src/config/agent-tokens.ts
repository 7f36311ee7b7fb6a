import { AGENT_ROLES, type AgentRole } from '@idv-lens/shared/api'
import type { ConfigProblem } from './problems.ts'
import { sha256Hex } from '../sha256.ts'

/*
 * AGENT_TOKENS: a comma list of `name:token` or `name:sha256:<hex>` entries, each optionally followed
 * by roles, each after a colon (`bob:<token>:actor`, `lead:<token>:admin:actor`). Only the hash needs
 * to be stored (`npm run token -- <name>` prints both forms).
 *
 * A bad entry never takes the others down: it is left out, reported as a configuration problem
 * (position and name, never the token), and every other agent keeps working.
 */

/** `admin` when the agent holds that role (the audit's readers), else `agent`. */
export type Role = 'agent' | 'admin'
/** `roles`: every role the entry names, in AGENT_ROLES' order (an admin is not an actor unless named one). */
export type Agent = { name: string; role: Role; roles: AgentRole[] }

/** The agent's one-word role and its roles, from the roles it holds. */
export const withRoles = (name: string, held: ReadonlySet<AgentRole>): Agent => {
  const roles = AGENT_ROLES.filter((role) => held.has(role))
  return { name, role: held.has('admin') ? 'admin' : 'agent', roles }
}

const isRole = (part: string | undefined): part is AgentRole => (AGENT_ROLES as readonly (string | undefined)[]).includes(part)

/** A parsed entry: the token's SHA-256 (hex) or, for a plain entry, the token to hash. */
export type AgentEntry = Agent & { position: number } & ({ token: string } | { sha256: string })

export const MIN_TOKEN_LENGTH = 32
/** RFC 6750 `b64token`: what a Bearer token may hold (so no space, comma or colon). */
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/
const AGENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/
const SHA256_HEX = /^[0-9a-f]{64}$/i

export const isBearerToken = (token: string): boolean => token.length >= MIN_TOKEN_LENGTH && BEARER_TOKEN.test(token)
export const isAgentName = (name: string): boolean => AGENT_NAME.test(name)

const problem = (message: string): ConfigProblem => ({ variable: 'AGENT_TOKENS', message, affects: 'agents' })

export function parseAgentTokens(raw: string): { entries: AgentEntry[]; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = []
  const parsed: AgentEntry[] = []
  const items = raw.split(',').map((s) => s.trim())
  items.forEach((item, index) => {
    if (!item) return
    const position = index + 1
    const parts = item.split(':')
    // Roles trail the token: a token is 32+ characters, so never a role's name.
    const held = new Set<AgentRole>()
    while (parts.length > 2 && isRole(parts.at(-1))) held.add(parts.pop() as AgentRole)
    const [name = '', ...rest] = parts
    const { role, roles } = withRoles(name, held)
    // Entries are named by position only: /healthz is public, and agent names are people.
    const which = `entry ${position}`
    if (!isAgentName(name)) {
      problems.push(problem(`${which} has no valid agent name (letters, digits, . _ @ -, at most 64) before the first colon`))
    } else if (rest.length === 2 && rest[0] === 'sha256') {
      if (SHA256_HEX.test(rest[1] as string)) parsed.push({ name, role, roles, position, sha256: (rest[1] as string).toLowerCase() })
      else problems.push(problem(`${which}: the sha256 form needs 64 hex digits`))
    } else if (rest.length === 1 && isBearerToken(rest[0] as string)) {
      parsed.push({ name, role, roles, position, token: rest[0] as string })
    } else if (rest.length === 1) {
      problems.push(problem(`${which}: a token must be at least ${MIN_TOKEN_LENGTH} characters of A-Z a-z 0-9 - . _ ~ + / (= at the end)`))
    } else {
      problems.push(
        problem(`${which} is not name:token or name:sha256:<hex> (optionally followed by roles: :admin, :actor, :reviewer, :ai)`),
      )
    }
  })
  // A name that appears twice is ambiguous: neither entry is trusted until one is removed.
  const entries = withoutDuplicates(
    parsed,
    (e) => e.name,
    (a, b) => `entries ${a} and ${b} use the same name`,
    problems,
  )
  return { entries, problems }
}

/** Drops every entry whose key another entry shares, reporting each pair once. */
export function withoutDuplicates<T extends { position: number }>(
  entries: T[],
  key: (entry: T) => string,
  message: (a: number, b: number) => string,
  problems: ConfigProblem[],
): T[] {
  const first = new Map<string, T>()
  const clashing = new Set<T>()
  for (const entry of entries) {
    const seen = first.get(key(entry))
    if (seen) {
      problems.push(problem(message(seen.position, entry.position)))
      clashing.add(seen).add(entry)
    } else first.set(key(entry), entry)
  }
  return entries.filter((e) => !clashing.has(e))
}

/**
 * The lookup table authentication uses: token hash → agent. Plain entries are hashed here, once per
 * configuration; two entries with the same token (plain or hashed) are both dropped and reported.
 */
export async function agentDirectory(entries: AgentEntry[]): Promise<{ byHash: Map<string, Agent>; problems: ConfigProblem[] }> {
  const hashed = await Promise.all(
    entries.map(async (e) => ({
      position: e.position,
      agent: { name: e.name, role: e.role, roles: e.roles },
      hash: 'sha256' in e ? e.sha256 : await sha256Hex(e.token),
    })),
  )
  const problems: ConfigProblem[] = []
  const unique = withoutDuplicates(
    hashed,
    (e) => e.hash,
    (a, b) => `entries ${a} and ${b} share a token`,
    problems,
  )
  return { byHash: new Map(unique.map((e) => [e.hash, e.agent])), problems }
}
