/**
 * A stand-in for a Cloudflare Access team's key endpoint (`<team>/cdn-cgi/access/certs`), run in
 * Node by global-setup. Two generated RSA keys: `k1` published from the start, `k2` published when a
 * test rotates; it counts the fetches so tests can see the relay's key caching, and can be taken down
 * (503 to every fetch, still counted) to show what the relay does through an Access outage, or made to
 * answer badly (`/__answer?keys=empty|k2-only`).
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { exportJWK, generateKeyPair, type JWK } from 'jose'

export type AccessKeys = { teamDomain: string; privateKeys: Record<'k1' | 'k2', JWK> }

export async function startAccessCerts(): Promise<AccessKeys & { close(): Promise<void> }> {
  const pairs = await Promise.all(['k1', 'k2'].map(async (kid) => ({ kid, ...(await generateKeyPair('RS256', { extractable: true })) })))
  const publicJwks = await Promise.all(
    pairs.map(async (p) => ({ ...(await exportJWK(p.publicKey)), kid: p.kid, alg: 'RS256', use: 'sig' })),
  )
  const privateKeys = Object.fromEntries(
    await Promise.all(pairs.map(async (p) => [p.kid, { ...(await exportJWK(p.privateKey)), kid: p.kid, alg: 'RS256' }])),
  ) as AccessKeys['privateKeys']
  let fetches = 0
  let rotated = false
  let down = false
  /** A bad answer a test asks for: no key at all, or only the key not in use yet (k1 dropped). */
  let answer: 'keys' | 'empty' | 'k2-only' = 'keys'
  const app = new Hono()
    .get('/cdn-cgi/access/certs', (c) => {
      fetches++
      if (down) return c.text('certs unavailable', 503)
      if (answer === 'empty') return c.json({ keys: [] })
      if (answer === 'k2-only') return c.json({ keys: publicJwks.slice(1) })
      return c.json({ keys: rotated ? publicJwks : publicJwks.slice(0, 1) })
    })
    .post('/__answer', (c) => {
      const asked = c.req.query('keys')
      answer = asked === 'empty' || asked === 'k2-only' ? asked : 'keys'
      return c.json({ answer })
    })
    .get('/__stats', (c) => c.json({ fetches }))
    .post('/__down', (c) => {
      down = c.req.query('on') === 'true'
      return c.json({ down })
    })
    .post('/__rotate', (c) => {
      rotated = c.req.query('on') === 'true'
      return c.json({ rotated })
    })
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const address = server.address() as { port: number }
  return {
    teamDomain: `http://127.0.0.1:${address.port}`,
    privateKeys,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
