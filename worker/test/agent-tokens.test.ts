import { describe, expect, it } from 'vitest'
import { parseAgentTokens } from '../src/config/agent-tokens.ts'
import { sha256Hex } from '../src/sha256.ts'
import { problemOf, testRelay } from './helpers.ts'

const ALICE = 'alice-token-0123456789abcdefghijklmnop'
const BOB = 'bob-token-0123456789abcdefghijklmnopqrs'
const CAROL = 'carol-token-0123456789abcdefghijklmnopq'

type Health = { status: string; problems: { variable: string; message: string }[] }

async function whoAmI(relay: ReturnType<typeof testRelay>, token: string) {
  const res = await relay.get('/v1/persona/events?page%5Bsize%5D=1', { headers: { authorization: `Bearer ${token}` } })
  return res.status
}

describe('AGENT_TOKENS grammar', () => {
  // [what, AGENT_TOKENS (built from the tokens above), tokens that work, tokens refused with 503, problems]
  const TABLE: [string, () => Promise<string> | string, string[], string[], RegExp[]][] = [
    ['plain entries', () => `alice:${ALICE},bob:${BOB}`, [ALICE, BOB], [], []],
    ['a hashed entry', async () => `alice:sha256:${await sha256Hex(ALICE)},bob:${BOB}`, [ALICE, BOB], [], []],
    ['an uppercase hash', async () => `alice:sha256:${(await sha256Hex(ALICE)).toUpperCase()}`, [ALICE], [], []],
    ['admin suffixes', async () => `alice:${ALICE}:admin,bob:sha256:${await sha256Hex(BOB)}:admin`, [ALICE, BOB], [], []],
    ['spaces and empty items around entries', () => ` alice:${ALICE} , ,bob:${BOB},`, [ALICE, BOB], [], []],
    ['a duplicate name', () => `alice:${ALICE},bob:${BOB},alice:${CAROL}`, [BOB], [ALICE, CAROL], [/entries 1 and 3 use the same name/]],
    ['a duplicate token', () => `alice:${ALICE},bob:${ALICE},carol:${CAROL}`, [CAROL], [ALICE], [/entries 1 and 2 share a token/]],
    [
      'a token repeated as its hash',
      async () => `alice:${ALICE},bob:sha256:${await sha256Hex(ALICE)},carol:${CAROL}`,
      [CAROL],
      [ALICE],
      [/entries 1 and 2 share a token/],
    ],
    [
      'a short token',
      () => `alice:short-token,bob:${BOB}`,
      [BOB],
      ['short-token-but-unknown-0123456789'],
      [/entry 1: a token must be at least 32/],
    ],
    ['a token with a space', () => `alice:${ALICE.slice(0, 10)} ${ALICE.slice(10)},bob:${BOB}`, [BOB], [], [/entry 1: a token must be/]],
    ['a missing token', () => `alice,bob:${BOB}`, [BOB], [ALICE], [/entry 1 is not name:token/]],
    ['a bad hash', () => `alice:sha256:abc,bob:${BOB}`, [BOB], [ALICE], [/entry 1: the sha256 form needs 64 hex digits/]],
    ['an unknown suffix', () => `alice:${ALICE}:root,bob:${BOB}`, [BOB], [ALICE], [/entry 1 is not name:token/]],
    ['a bad name', () => `al ice:${ALICE},bob:${BOB}`, [BOB], [ALICE], [/entry 1 has no valid agent name/]],
  ]

  it.each(TABLE)('%s', async (_what, build, work, refused503, problems) => {
    const raw = await build()
    const relay = testRelay({ AGENT_TOKENS: raw })
    for (const token of work) expect(await whoAmI(relay, token), token).toBe(200)
    for (const token of refused503) {
      const res = await relay.get('/v1/persona/events', { headers: { authorization: `Bearer ${token}` } })
      expect(res.status).toBe(503)
      const problem = await problemOf(res)
      expect(problem.code).toBe('misconfigured')
      expect(problem.detail).toContain('AGENT_TOKENS')
      for (const secret of [ALICE, BOB, CAROL]) expect(problem.detail).not.toContain(secret)
    }
    const healthRes = await relay.get('/healthz', { auth: false })
    expect(healthRes.status).toBe(200)
    const healthText = await healthRes.text()
    for (const secret of [ALICE, BOB, CAROL, 'short-token']) expect(healthText).not.toContain(secret)
    const health = JSON.parse(healthText) as Health
    expect(health.problems.map((p) => `${p.variable} ${p.message}`)).toEqual(problems.map((re) => expect.stringMatching(re)))
    expect(health.status).toBe(problems.length ? 'misconfigured' : 'ok')
    if (problems.length === 0) expect(await whoAmI(relay, 'nobody-token-0123456789abcdefghijklmn')).toBe(401)
  })

  it('gives each entry its role', () => {
    const { entries } = parseAgentTokens(`alice:${ALICE}:admin,bob:${BOB}`)
    expect(entries.map(({ name, role }) => ({ name, role }))).toEqual([
      { name: 'alice', role: 'admin' },
      { name: 'bob', role: 'agent' },
    ])
  })

  it('hashes the presented token once per request, whatever the number of agents', async () => {
    const many = Array.from({ length: 50 }, (_, i) => `agent${i}:${String(i).padStart(4, '0')}-${ALICE}`).join(',')
    const relay = testRelay({ AGENT_TOKENS: many })
    expect(await whoAmI(relay, `0049-${ALICE}`)).toBe(200)
    // Count the hashes of tokens only (presented or configured): the relay also hashes cache keys.
    const tokens = new Set([
      ...Array.from({ length: 50 }, (_, i) => `${String(i).padStart(4, '0')}-${ALICE}`),
      'nobody-token-0123456789abcdefghijklmn',
    ])
    const digest = crypto.subtle.digest.bind(crypto.subtle)
    let digests = 0
    crypto.subtle.digest = ((...args: Parameters<typeof digest>) => {
      const data = args[1]
      const bytes = ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : new Uint8Array(data as ArrayBuffer)
      if (tokens.has(new TextDecoder().decode(bytes))) digests++
      return digest(...args)
    }) as typeof digest
    try {
      expect(await whoAmI(relay, `0007-${ALICE}`)).toBe(200)
      expect(await whoAmI(relay, 'nobody-token-0123456789abcdefghijklmn')).toBe(401)
    } finally {
      crypto.subtle.digest = digest
    }
    expect(digests).toBe(2)
  })

  it('parses the ai role, and refuses an ai token on /v1 (it calls /mcp only)', async () => {
    const { entries } = parseAgentTokens(`fin:${ALICE}:ai,bob:${BOB}`)
    expect(entries.map(({ name, roles }) => ({ name, roles }))).toEqual([
      { name: 'fin', roles: ['ai'] },
      { name: 'bob', roles: [] },
    ])
    const relay = testRelay({ AGENT_TOKENS: `fin:${ALICE}:ai,bob:${BOB}` })
    expect(await whoAmI(relay, ALICE)).toBe(403)
    expect(await whoAmI(relay, BOB)).toBe(200)
  })
})
