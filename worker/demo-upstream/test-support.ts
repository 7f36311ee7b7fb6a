/** Shared helpers for the demo upstream's tests (not a test file itself). */
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import type { AddressInfo } from 'node:net'
import { createDemoUpstream, type DemoUpstream, type DemoUpstreamOptions } from './app.ts'

/** A fixed anchor so every test file sees the same data. */
export const NOW = new Date('2026-06-01T12:00:00.000Z')

export function demo(options: DemoUpstreamOptions = {}): DemoUpstream {
  return createDemoUpstream({ now: NOW, ...options })
}

export interface Resource {
  type: string
  id: string
  attributes: Record<string, unknown>
  relationships?: Record<string, { data: unknown }>
}
export interface ListBody {
  data: Resource[]
  links: { prev: string | null; next: string | null }
}
export interface RetrieveBody {
  data: Resource
  included?: Resource[]
}
export interface PersonaErrorBody {
  errors: { title: string; details?: string }[]
}

export async function persona(
  upstream: DemoUpstream,
  path: string,
  init: { key?: string | null; headers?: Record<string, string>; method?: string; signal?: AbortSignal } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers }
  const key = init.key === undefined ? 'persona_demo_tests' : init.key
  if (key !== null) headers.authorization = `Bearer ${key}`
  return await upstream.app.request(`/persona/api/v1${path}`, { method: init.method ?? 'GET', headers, signal: init.signal })
}

export async function deepidv(
  upstream: DemoUpstream,
  path: string,
  init: { key?: string | null; method?: string; signal?: AbortSignal } = {},
): Promise<Response> {
  const key = init.key === undefined ? 'deepidv_demo_tests' : init.key
  return await upstream.app.request(`/deepidv/v1${path}`, {
    method: init.method ?? 'GET',
    headers: key === null ? {} : { 'x-api-key': key },
    signal: init.signal,
  })
}

export async function body<T>(response: Response): Promise<T> {
  return (await response.json()) as T
}

/** The id in a Persona link like `/api/v1/inquiries?page%5Bafter%5D=inq_…`. */
export function cursorOf(link: string | null, direction: 'after' | 'before'): string {
  if (link === null) throw new Error(`expected a ${direction} link, got null`)
  const value = new URL(link, 'http://x').searchParams.get(`page[${direction}]`)
  if (value === null) throw new Error(`link ${link} has no page[${direction}]`)
  return value
}

export async function addFault(upstream: DemoUpstream, spec: Record<string, unknown>): Promise<Response> {
  return await upstream.app.request('/__demo/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  })
}

/** One webhook delivery as the receiver got it. */
export type Received = { provider: string; headers: Record<string, string>; body: string }

/**
 * A stand-in relay on a free local port that records the webhooks it receives and answers `status`
 * (the relay's own checks are tested in workerd). `close` stops it: call it after the test.
 */
export async function webhookReceiver(status = 204) {
  const received: Received[] = []
  const app = new Hono().post('/webhooks/:provider', async (c) => {
    received.push({ provider: c.req.param('provider'), headers: c.req.header(), body: await c.req.text() })
    return c.body(null, status as 204)
  })
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) }
}
