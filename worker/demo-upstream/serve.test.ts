import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startDemoUpstream, type RunningDemoUpstream } from './serve.ts'
import { NOW } from './test-support.ts'

const SERVE = fileURLToPath(new URL('./serve.ts', import.meta.url))

describe('startDemoUpstream (real HTTP)', () => {
  let server: RunningDemoUpstream
  beforeAll(async () => {
    server = await startDemoUpstream({ port: 0, now: NOW })
  })
  afterAll(() => server.close())

  const fault = (spec: Record<string, unknown>): Promise<Response> =>
    fetch(`${server.url}/__demo/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) })

  it('should listen on loopback and serve both vendors', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const persona = await fetch(`${server.url}/persona/api/v1/inquiries?page[size]=1`, {
      headers: { authorization: 'Bearer persona_demo_serve' },
    })
    expect(persona.status).toBe(200)
    const deepidv = await fetch(`${server.url}/deepidv/v1/sessions?limit=1`, { headers: { 'x-api-key': 'deepidv_demo_serve' } })
    expect(deepidv.status).toBe(200)
  })

  it('should refuse a non-loopback host', async () => {
    await expect(startDemoUpstream({ port: 0, host: '0.0.0.0' })).rejects.toThrow(/loopback/)
  })

  it('should close the socket for the drop fault', async () => {
    await fault({ scope: 'persona_demo_serve_drop', fault: 'drop', times: 1 })
    const attempt = fetch(`${server.url}/persona/api/v1/inquiries`, { headers: { authorization: 'Bearer persona_demo_serve_drop' } })
    await expect(attempt).rejects.toThrow(/fetch failed/)
  })

  it('should hold a hung request until the client aborts', async () => {
    await fault({ scope: 'deepidv_demo_serve_hang', fault: 'hang', times: 1 })
    const controller = new AbortController()
    const attempt = fetch(`${server.url}/deepidv/v1/sessions`, {
      headers: { 'x-api-key': 'deepidv_demo_serve_hang' },
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(), 100)
    await expect(attempt).rejects.toThrow(/abort/i)
  })

  it('should close promptly even with a request hanging', async () => {
    const other = await startDemoUpstream({ port: 0, now: NOW })
    await fetch(`${other.url}/__demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'persona_demo_h', fault: 'hang' }),
    })
    const attempt = fetch(`${other.url}/persona/api/v1/events`, { headers: { authorization: 'Bearer persona_demo_h' } }).catch(
      (e: unknown) => e,
    )
    // Once the server holds the request: the hang never ends by itself, so a close that waited for
    // it would never resolve (the test's bound would catch that, whatever the machine's speed).
    await vi.waitFor(
      async () => {
        const stats = (await (await fetch(`${other.url}/__demo/stats?scope=persona_demo_h`)).json()) as { requests: unknown[] }
        expect(stats.requests).toHaveLength(1)
      },
      { timeout: 30_000, interval: 20 },
    )
    await other.close()
    expect(await attempt).toBeInstanceOf(Error)
  })
})

describe('serve.ts as a process', () => {
  const launch = async (): Promise<{ child: ChildProcess; url: string }> => {
    const child = spawn(process.execPath, [SERVE, '--port', '0'], { stdio: ['pipe', 'pipe', 'inherit'] })
    let output = ''
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      output += chunk.toString()
      if (output.includes('\n')) break
    }
    const match = /^demo upstream listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(output)
    if (!match?.[1]) throw new Error(`unexpected first line: ${output}`)
    return { child, url: match[1] }
  }

  it('should print its URL, serve, and exit when stdin closes', async () => {
    const { child, url } = await launch()
    expect((await fetch(`${url}/__demo/info`)).status).toBe(200)
    child.stdin?.end()
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(0)
  })

  it('should exit on SIGTERM', async () => {
    const { child } = await launch()
    child.kill('SIGTERM')
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(0)
  })
})
