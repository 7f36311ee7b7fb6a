import { REGISTERED_ACTIONS } from '../vendors/registry.ts'

/**
 * Agent actions: the few vendor writes an admin may turn on (relay variable `ACTIONS`), each open only
 * to agents with its role (`ACTION_ROLE`). `GET /v1/me` tells the extension which of them this agent may call.
 */

export type ActionName = (typeof REGISTERED_ACTIONS)[number]['name']

/** The actions a relay may offer, as `ACTIONS` names them: every vendor's, in the registry's order. */
export const ACTION_NAMES = /* @__PURE__ */ REGISTERED_ACTIONS.map((action) => action.name) as readonly ActionName[] as readonly [
  ActionName,
  ...ActionName[],
]

/** The role an action needs (its vendor says: a decision is a reviewer's, never an actor's). */
export const actionRole = (action: ActionName): 'actor' | 'reviewer' => REGISTERED_ACTIONS.find((a) => a.name === action)?.role ?? 'actor'

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
