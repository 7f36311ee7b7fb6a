/**
 * A fake Cloudflare Access gateway for local tests, a proxy in front of the relay that behaves like Access
 * for a self-hosted application: `GET /cdn-cgi/access/certs` serves the team's keys (one RSA key per
 * gateway); `GET /cdn-cgi/access/login?email=<who>&redirect_url=<path>` sets `CF_Authorization` to a fresh
 * RS256 JWT and redirects back; preflights and `/healthz` pass through (docs/agent-identity.md's Bypass);
 * anything else without a valid cookie gets 302 to login, with one it goes on with `Cf-Access-Jwt-Assertion`.
 * Its origin is the team domain (`ACCESS_TEAM_DOMAIN`), so the relay runs its real validation against it.
 */
import { createSign, generateKeyPairSync, randomBytes, randomUUID, createVerify, type KeyObject } from 'node:crypto'
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type FakeAccess = {
  /** The team domain (the gateway's origin) and the application audience to configure the relay with. */
  teamDomain: string
  audience: string
  /** Where the relay is, once it runs (the gateway and the relay need each other's address). */
  setTarget(relayUrl: string): void
  /** A token as Access would issue it, for direct calls; `overrides` change claims (e.g. exp). */
  sign(email: string, overrides?: Record<string, unknown>): string
  certFetches(): number
  close(): Promise<void>
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url')

export async function startFakeAccess(): Promise<FakeAccess> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const kid = randomUUID()
  const audience = randomBytes(32).toString('hex')
  let target: string | null = null
  let certFetches = 0

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`fake access: ${String(err)}`)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const teamDomain = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  function sign(email: string, overrides: Record<string, unknown> = {}): string {
    const now = Math.floor(Date.now() / 1000)
    const header = b64url(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT' }))
    const payload = b64url(
      JSON.stringify({
        aud: [audience],
        email,
        exp: now + 3600,
        iat: now,
        nbf: now,
        iss: teamDomain,
        type: 'app',
        sub: randomUUID(),
        ...overrides,
      }),
    )
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey)
    return `${header}.${payload}.${b64url(signature)}`
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', teamDomain)
    if (url.pathname === '/cdn-cgi/access/certs') {
      certFetches++
      const jwk = { ...(publicKey.export({ format: 'jwk' }) as Record<string, unknown>), kid, alg: 'RS256', use: 'sig' }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ keys: [jwk], public_cert: { kid }, public_certs: [{ kid }] }))
      return
    }
    if (url.pathname === '/cdn-cgi/access/login') {
      const email = url.searchParams.get('email') ?? 'agent@example.com'
      const back = url.searchParams.get('redirect_url') ?? '/'
      res
        .writeHead(302, {
          location: back.startsWith('/') ? back : '/',
          // SameSite=None so an extension's credentialed fetch carries it, as Access sets it.
          'set-cookie': `CF_Authorization=${sign(email)}; Path=/; HttpOnly; SameSite=None; Secure`,
        })
        .end()
      return
    }
    const token = cookieToken(req.headers.cookie)
    // Preflights and /healthz pass without a cookie: the Access setup in docs/agent-identity.md bypasses both.
    const open = req.method === 'OPTIONS' || url.pathname === '/healthz'
    if (!open && (!token || !verify(token, publicKey))) {
      res.writeHead(302, { location: `/cdn-cgi/access/login?redirect_url=${encodeURIComponent(url.pathname + url.search)}` }).end()
      return
    }
    await forward(req, res, url, token)
  }

  function forward(req: IncomingMessage, res: ServerResponse, url: URL, token: string | null): Promise<void> {
    if (!target) throw new Error('no relay behind the gateway yet')
    const to = new URL(url.pathname + url.search, target)
    const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: to.host }
    if (token) headers['cf-access-jwt-assertion'] = token
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(to, { method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res).on('finish', resolve).on('error', reject)
      })
      upstream.on('error', reject)
      req.pipe(upstream)
    })
  }

  return {
    teamDomain,
    audience,
    setTarget(relayUrl) {
      target = relayUrl
    },
    sign,
    certFetches: () => certFetches,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        // A browser still running may hold keep-alive connections open, which close() would wait for.
        server.closeAllConnections()
      }),
  }
}

function cookieToken(cookie: string | undefined): string | null {
  for (const part of (cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=')
    if (name === 'CF_Authorization' && value.length) return value.join('=')
  }
  return null
}

/** The gateway only lets its own, unexpired tokens through (the relay checks everything again). */
function verify(token: string, publicKey: KeyObject): boolean {
  const [header, payload, signature] = token.split('.')
  if (!header || !payload || !signature) return false
  const ok = createVerify('RSA-SHA256').update(`${header}.${payload}`).verify(publicKey, Buffer.from(signature, 'base64url'))
  const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp?: number }).exp ?? 0
  return ok && exp > Date.now() / 1000
}

/** The admin of every access-mode stack (ACCESS_ADMIN_EMAILS). */
export const ACCESS_ADMIN = 'lead@example.com'

/**
 * The relay under `wrangler dev` in access mode, on the demo upstream, behind this gateway: the
 * gateway's origin is the team domain the relay trusts, so clients talk to `access.teamDomain`.
 */
export async function startAccessStack(): Promise<{ access: FakeAccess; relayUrl: string; stop(): Promise<void> }> {
  const { startDemoUpstream, startRelay } = await import('./stack.ts')
  const upstream = await startDemoUpstream()
  const access = await startFakeAccess()
  const relay = await startRelay({
    personaBase: upstream.personaBase,
    deepidvBase: upstream.deepidvBase,
    agentTokens: '',
    vars: { AUTH_MODE: 'access', ACCESS_TEAM_DOMAIN: access.teamDomain, ACCESS_AUD: access.audience, ACCESS_ADMIN_EMAILS: ACCESS_ADMIN },
  })
  access.setTarget(relay.url)
  return {
    access,
    /** The Worker itself: requests here go around the gateway. */
    relayUrl: relay.url,
    async stop() {
      await relay.stop()
      await access.close()
      await upstream.stop()
    },
  }
}
