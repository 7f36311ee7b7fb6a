import { afterEach, describe, expect, it, vi } from 'vitest'
import { AGENT_TOKEN, OTHER_TOKEN, testRelay, type Fault } from './helpers.ts'

afterEach(() => {
  vi.restoreAllMocks()
})

const PATHS = [
  '/healthz',
  '/v1/persona/inquiries?page%5Bsize%5D=3',
  '/v1/persona/inquiries/inq_zEx4jL84ShbUyuwX6AzPSqt6?include=sessions',
  '/v1/persona/inquiry-sessions',
  '/v1/persona/events/evt_o9byQRbjygu76Jbtea9wuJ1boP7a',
  '/v1/deepidv/sessions',
  '/v1/deepidv/sessions/a1b2c3d4-e5f6-7890-abcd-ef1234567890',
  '/v1/lookup?ids=inq_zEx4jL84ShbUyuwX6AzPSqt6,a1b2c3d4-e5f6-7890-abcd-ef1234567890',
  '/v1/persona/inquiries?page%5Bsize%5D=0',
  '/v1/nothing',
]
const FAULTS: (Fault | null)[] = [null, { fault: '401' }, { fault: '401', provider: 'deepidv' }, { fault: '500' }, { fault: '429' }]

describe('secrets', () => {
  it('never put an API key or agent token in a response or a log line', async () => {
    const logged: string[] = []
    for (const method of ['log', 'info', 'warn', 'error'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')))
    }
    let responses = 0
    for (const fault of FAULTS) {
      const relay = testRelay({ UPSTREAM_TIMEOUT_MS: '500' })
      if (fault) await relay.fault(fault)
      const secrets = [...Object.values(relay.keys), AGENT_TOKEN, OTHER_TOKEN]
      for (const path of PATHS) {
        for (const auth of [true, false]) {
          const res = await relay.get(path, { auth, headers: auth ? {} : { authorization: 'Bearer wrong-token' } })
          const text = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n') + '\n' + (await res.text())
          for (const secret of secrets) expect(text, `${path} (${JSON.stringify(fault)})`).not.toContain(secret)
          responses++
        }
      }
      for (const secret of secrets) expect(logged.join('\n')).not.toContain(secret)
    }
    expect(responses).toBe(FAULTS.length * PATHS.length * 2)
    // The access log did run: it names the agent, not the token.
    expect(logged.some((l) => l.includes('"agent":"tester"'))).toBe(true)
    // 100 requests one after another, each waiting for its background work (cache and audit writes).
  }, 30_000)

  it("logs a request by its route and IDs, never a refused path's own text (an email typed where an ID goes)", async () => {
    const logged: string[] = []
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')))
    const relay = testRelay()
    const paths = [
      '/v1/persona/inquiries/dana.customer%40example.com',
      '/v1/deepidv/sessions/Dana%20Customer',
      '/v1/nothing/dana.customer@example.com',
      '/v1/persona/inquiries/inq_zEx4jL84ShbUyuwX6AzPSqt6',
    ]
    const statuses = []
    for (const path of paths) statuses.push((await relay.get(path)).status)
    expect(statuses).toEqual([400, 400, 404, 200])
    const lines = logged.filter((line) => line.includes('"agent":"tester"'))
    expect(lines).toHaveLength(paths.length)
    expect(lines.join('\n')).not.toMatch(/dana|customer/i)
    expect(lines.map((line) => JSON.parse(line) as { route: string; ids: string[] }).map(({ route, ids }) => [route, ids])).toEqual([
      ['/v1/persona/inquiries/:id', []],
      ['/v1/deepidv/sessions/:id', []],
      ['(no route)', []],
      ['/v1/persona/inquiries/:id', ['inq_zEx4jL84ShbUyuwX6AzPSqt6']],
    ])
  })
})
