/**
 * Agent actions: the few vendor writes an admin may turn on (relay variable `ACTIONS`), each open only
 * to agents with its role (`ACTION_ROLE`). `GET /v1/me` tells the extension which of them this agent may call.
 */

/** The actions a relay may offer, as `ACTIONS` names them. */
export const ACTION_NAMES = ['one-time-link', 'tags', 'case-assign', 'case-status', 'onfido-link', 'flagged-escalation', 'inquiry-approve', 'inquiry-decline', 'inquiry-review'] as const
export type ActionName = (typeof ACTION_NAMES)[number]

/** The decisions on an inquiry: a reviewer's, never an actor's. */
const DECISIONS: readonly ActionName[] = ['inquiry-approve', 'inquiry-decline', 'inquiry-review']

/** The role an action needs. */
export const actionRole = (action: ActionName): 'actor' | 'reviewer' => (DECISIONS.includes(action) ? 'reviewer' : 'actor')

/**
 * Roles beyond reading: `admin` reads the audit, `actor` may call the actions the relay offers, `reviewer`
 * the decisions, `ai` is a helpdesk's AI agent (only `/mcp`, within the AI share of each vendor's budget).
 */
export const AGENT_ROLES = ['admin', 'actor', 'reviewer', 'ai'] as const
export type AgentRole = (typeof AGENT_ROLES)[number]

/** `GET /v1/me`: who the relay takes this agent for, and what it may do. */
export type MeResponse = {
  agent: string
  roles: AgentRole[]
  /** The actions the relay offers that this agent's roles allow: [] for an agent who is neither actor nor reviewer. */
  actions: ActionName[]
  /** Whether a one-time link needs a `match` from `POST /v1/requester-check` for the same ID within 15 minutes. */
  linkRequiresRequesterMatch: boolean
  /**
   * What a record a fraud check flagged is escalated with (FLAGGED_ESCALATION): the tag the
   * `flagged-escalation` action adds or the Persona user it assigns the case to (null: not that form),
   * and the admin's words on whom to tell (FLAGGED_CONTACT).
   */
  flagged: { tag: string | null; assignee: string | null; contact: string | null }
}

/** How long a requester match lets the same agent send a one-time link for the same ID. */
export const REQUESTER_MATCH_VALID_MS = 15 * 60_000

/** The bounds of `meta.expires-in-seconds` on `generate-one-time-link`: a minute to a week. */
export const ONE_TIME_LINK_EXPIRY_SECONDS = { min: 60, max: 7 * 24 * 3600 } as const

/** The one-time link's answer, as Persona's: the inquiry (allowlisted) and the link in `meta`, nowhere else. */
export type OneTimeLinkResponse<TData = unknown> = {
  data: TData
  meta: { 'one-time-link': string; 'one-time-link-short'?: string }
}

/**
 * The case statuses `set-status` accepts: those Persona's case templates come with (its spec's examples).
 * A team whose templates name others sets them in Persona's dashboard.
 */
export const CASE_STATUSES = ['Open', 'Pending', 'Approved', 'Declined'] as const
