import type { IncomingEvent } from './incoming-event.ts'

/** One hub per deployment: every receiver and every agent socket meets at this name. */
export const LIVE_HUB_NAME = 'live'

/**
 * A ticket, and the hub's epoch: it changes when the hub's event numbering starts over (its storage
 * was lost), so a client resuming with `since` from another epoch knows to reload. Or, for an agent
 * minting tickets faster than any client needs, how long to wait.
 */
export type TicketResult = { ticket: string; expiresIn: number; epoch: string } | { retryAfter: number }

/**
 * What the Worker calls on the hub (hub.ts implements it). Typed here rather than as
 * `DurableObjectNamespace<LiveHub>` so that app.ts, whose types the extension checks, needs no Workers types.
 */
export type LiveHubStub = {
  ingest(events: IncomingEvent[]): Promise<number>
  issueTicket(agent: string): Promise<TicketResult>
  fetch(input: URL | string, init?: RequestInit): Promise<Response>
}
export type LiveHubNamespace = { getByName(name: string): LiveHubStub }

export function liveHubOf(env: { LIVE_HUB?: LiveHubNamespace }): LiveHubStub | null {
  return env.LIVE_HUB ? env.LIVE_HUB.getByName(LIVE_HUB_NAME) : null
}

/** Names the redeemed ticket's agent on the hub's 101, between the hub and the Worker only. */
export const LIVE_AGENT_HEADER = 'idv-lens-live-agent'
