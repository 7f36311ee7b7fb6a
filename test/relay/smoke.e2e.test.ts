import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, REPO_ROOT, startStack, type Stack } from '../harness/stack.ts'

// `npm run smoke` (test/scripts/smoke.ts) as an administrator runs it after a deploy, here against
// the real Worker under `wrangler dev` and the demo upstream.
let stack: Stack

beforeAll(async () => {
  stack = await startStack()
})

afterAll(async () => {
  await stack?.stop()
})

async function smoke(args: string[], token: string | undefined): Promise<{ code: number; lines: string[] }> {
  const env = { ...process.env, IDV_LENS_TOKEN: token ?? '' }
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['test/scripts/smoke.ts', stack.relay.url, ...args], {
      cwd: REPO_ROOT,
      env,
    })
    return { code: 0, lines: stdout.trim().split('\n') }
  } catch (err) {
    const failed = err as { code: number; stdout: string }
    return { code: failed.code, lines: failed.stdout.trim().split('\n') }
  }
}

describe('npm run smoke', () => {
  it('passes every check of a healthy relay, reaching each vendor past the cache', async () => {
    const before = await stack.upstream.personaCalls()
    const { code, lines } = await smoke(['--origin', DEMO.extensionOrigin], DEMO.agentToken)
    expect(lines.map((l) => l.replace(/: .*/, ''))).toEqual([
      'PASS  healthz',
      'PASS  refuses requests without a token',
      "PASS  persona accepts the relay's key",
      "PASS  deepidv accepts the relay's key",
      "PASS  stripe accepts the relay's key",
      `PASS  CORS preflight from ${DEMO.extensionOrigin}`,
      'PASS  CORS refuses other origins',
      'smoke check',
    ])
    expect(lines.at(-1)).toBe('smoke check: all 7 checks passed')
    expect(code).toBe(0)
    // A second run calls Persona again: a cached answer would hide a revoked key.
    await smoke(['--origin', DEMO.extensionOrigin], DEMO.agentToken)
    expect(await stack.upstream.personaCalls()).toBe(before + 2)
  })

  it('fails, naming the vendor, when the vendor refuses the relay key', async () => {
    await fetch(`${stack.upstream.url}/__demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scope: DEMO.keys.persona, fault: '401', times: 1 }),
    })
    const { code, lines } = await smoke(['--origin', DEMO.extensionOrigin], DEMO.agentToken)
    // Each run's probe is new to the relay (its end date), so it reaches the vendor and meets the 401.
    expect(lines.find((l) => l.includes('persona accepts'))).toMatch(
      /^FAIL {2}persona accepts the relay's key: HTTP 502 upstream-auth: .*PERSONA_API_KEY/,
    )
    expect(lines.find((l) => l.includes('deepidv accepts'))).toMatch(/^PASS/)
    expect(lines.at(-1)).toBe('smoke check: 1 of 7 checks FAILED')
    expect(code).toBe(1)
  })

  it('fails on a token the relay does not know and on an origin it does not allow, and never prints the token', async () => {
    const { code, lines } = await smoke(['--origin', 'chrome-extension://someotherextensionid'], 'not-a-known-token')
    expect(lines.filter((l) => l.startsWith('FAIL')).map((l) => l.replace(/: .*/, ''))).toEqual([
      "FAIL  persona accepts the relay's key",
      "FAIL  deepidv accepts the relay's key",
      "FAIL  stripe accepts the relay's key",
      'FAIL  CORS preflight from chrome-extension://someotherextensionid',
    ])
    expect(lines.join('\n')).toMatch(/IDV_LENS_TOKEN is not in AGENT_TOKENS/)
    expect(lines.join('\n')).not.toContain('not-a-known-token')
    expect(code).toBe(1)
  })

  it('fails when there is no token to make the authenticated calls with', async () => {
    const { code, lines } = await smoke([], undefined)
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([
      "FAIL  persona accepts the relay's key: IDV_LENS_TOKEN is not set: cannot make an authenticated call",
      "FAIL  deepidv accepts the relay's key: IDV_LENS_TOKEN is not set: cannot make an authenticated call",
      "FAIL  stripe accepts the relay's key: IDV_LENS_TOKEN is not set: cannot make an authenticated call",
      "FAIL  CORS: no allowed origin to check: --env's ALLOWED_ORIGINS is empty or no --env/--origin was given (the extension's origin must pass)",
    ])
    expect(code).toBe(1)
  })
})

// The relay without its upstream, on this file's own stack (a stopped upstream would fail every file
// on the shared one): last, as nothing of this file's needs the upstream after it.
describe('relay under wrangler dev without its upstream', () => {
  it('answers 502 with a problem when the upstream process is gone', async () => {
    await stack.upstream.stop()
    const res = await fetch(`${stack.relay.url}/v1/persona/events?page%5Bsize%5D=9`, {
      headers: { authorization: `Bearer ${DEMO.agentToken}` },
    })
    expect(res.status).toBe(502)
    expect(await res.json()).toMatchObject({ code: 'upstream-unavailable', provider: 'persona' })
  })
})
