/**
 * Live events for agents. A WebSocket cannot carry the agent token, so the extension first trades
 * it for a ticket (`POST /v1/live/ticket`, agent auth; one socket at a time, reused by reconnects), then opens
 * `GET /v1/live?ticket=&since=`, which the hub upgrades.
 */
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../errors.ts'
import { problemResponse } from '../middleware/problem-response.ts'
import { LIVE_AGENT_HEADER, liveHubOf } from '../live/binding.ts'

const TICKET = /^[A-Za-z0-9_-]{43}$/
const SEQ = /^\d{1,15}$/
const EPOCH = /^[A-Za-z0-9-]{1,64}$/

function requireHub(c: Context<AppEnv>) {
  const hub = liveHubOf(c.env)
  if (!hub) throw new ApiError('provider-not-configured', 'Live events are not configured: the LIVE_HUB binding is missing.')
  return hub
}

/** `POST /v1/live/ticket`: a ticket for the socket (routes/openapi.ts finds its path by it). */
export async function issueLiveTicket(c: Context<AppEnv>) {
  const result = await requireHub(c).issueTicket(c.get('agent') ?? 'agent')
  if ('retryAfter' in result) {
    throw new ApiError('rate-limited', `Too many live tickets for this agent; retry in ${result.retryAfter} s.`, {
      retryAfter: result.retryAfter,
    })
  }
  return c.json(result, 200)
}

/** Under /v1/live, behind agent auth like the rest of /v1. */
export const liveTicketRoutes = new Hono<AppEnv>().post('/ticket', issueLiveTicket)

/**
 * `GET /v1/live`: mounted ahead of every middleware (the 101 response's headers cannot be changed,
 * and the ticket stands in for the agent token). Everything that can be refused is refused here,
 * before the hub is woken.
 */
export async function liveUpgrade(c: Context<AppEnv>): Promise<Response> {
  // Ahead of the relay's Request-Id middleware (audit-log.ts made the id): every answer carries it.
  const requestId = c.get('requestId')
  const refuse = (error: ApiError) => {
    const res = problemResponse(c, error)
    if (requestId) res.headers.set('request-id', requestId)
    return res
  }
  const hub = liveHubOf(c.env)
  if (!hub) return refuse(new ApiError('provider-not-configured', 'Live events are not configured: the LIVE_HUB binding is missing.'))
  const ticket = c.req.query('ticket') ?? ''
  if (!TICKET.test(ticket)) return refuse(new ApiError('unauthorized', 'Open the live socket with a ticket from POST /v1/live/ticket.'))
  const since = c.req.query('since')
  if (since !== undefined && !SEQ.test(since)) {
    return refuse(new ApiError('bad-request', 'since must be the seq of the last event received (a whole number).', { parameter: 'since' }))
  }
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
    return refuse(new ApiError('bad-request', 'GET /v1/live is a WebSocket; send Upgrade: websocket.', { parameter: 'upgrade' }))
  }
  const epoch = c.req.query('epoch')
  if (epoch !== undefined && !EPOCH.test(epoch)) {
    return refuse(new ApiError('bad-request', 'epoch must be the one the ticket came with.', { parameter: 'epoch' }))
  }
  const url = new URL('https://live-hub/socket')
  url.searchParams.set('ticket', ticket)
  if (since !== undefined) url.searchParams.set('since', since)
  if (epoch !== undefined) url.searchParams.set('epoch', epoch)
  const res = await hub.fetch(url, { headers: { upgrade: 'websocket' } })
  if (res.status === 401) return refuse(new ApiError('unauthorized', 'This live ticket is unknown, expired or already used.'))
  const agent = res.headers.get(LIVE_AGENT_HEADER)
  // Typed loosely on purpose: the extension's type check reads this router with the DOM's Response.
  const socket = (res as Response & { webSocket?: WebSocket | null }).webSocket
  if (agent === null || !socket) return res
  // The audit row names the agent whose ticket was redeemed; the agent gets the socket without the header.
  c.set('agent', agent)
  return new Response(null, { status: 101, webSocket: socket, headers: requestId ? { 'request-id': requestId } : {} } as ResponseInit)
}
