import type { ConfigProblem } from './problems.ts'
import { secureBaseProblem } from './url-checks.ts'

/** Cloudflare Access in front of the relay (AUTH_MODE=access). */
export type AccessSettings = {
  /** `https://<team>.cloudflareaccess.com`: the tokens' issuer; its certs sign them. */
  teamDomain: string
  /** The Access application's audience tag. */
  audience: string
  /** Lowercased emails of the admins. */
  adminEmails: Set<string>
  /** Lowercased emails of the actors (ACCESS_ACTOR_EMAILS): who may call the actions the relay offers. */
  actorEmails: Set<string>
  /** Lowercased emails of the reviewers (ACCESS_REVIEWER_EMAILS): who may call the inquiry decisions. */
  reviewerEmails: Set<string>
}

/** The comma lists of emails that give roles (ACCESS_*_EMAILS). */
export type RoleEmails = { admin: string; actor?: string; reviewer?: string }

const problem = (variable: string, message: string): ConfigProblem => ({ variable, message, affects: 'agents' })

export function parseAccessSettings(
  teamDomain: string | undefined,
  audience: string | undefined,
  roles: RoleEmails,
): { settings: AccessSettings | null; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = []
  const team = teamDomain?.trim().replace(/\/+$/, '') ?? ''
  // The team domain is where the relay fetches the keys it trusts: https only (plain http to loopback for local tests).
  const teamProblem = team ? secureBaseProblem(team) : 'must be set in access mode (https://<team>.cloudflareaccess.com)'
  if (teamProblem) problems.push(problem('ACCESS_TEAM_DOMAIN', teamProblem))
  else if (new URL(team).pathname !== '/') problems.push(problem('ACCESS_TEAM_DOMAIN', 'must be an origin without a path'))
  const aud = audience?.trim() ?? ''
  if (!aud) problems.push(problem('ACCESS_AUD', "must be set in access mode (the Access application's audience tag)"))
  const emails = (list: string) =>
    new Set(
      list
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    )
  const settings = {
    teamDomain: team,
    audience: aud,
    adminEmails: emails(roles.admin),
    actorEmails: emails(roles.actor ?? ''),
    reviewerEmails: emails(roles.reviewer ?? ''),
  }
  return { settings: problems.length ? null : settings, problems }
}
