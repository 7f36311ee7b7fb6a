import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAccessStack, startFakeAccess, type FakeAccess } from '../harness/fake-access.ts'
import { DEMO } from '../harness/stack.ts'

// AUTH_MODE=access end to end: the real Worker under wrangler dev behind a fake Access gateway whose
// origin is the team domain, so the relay fetches the gateway's certs and validates its JWTs for real.
let stack: Awaited<ReturnType<typeof startAccessStack>> | undefined
let access: FakeAccess
const ID = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'

beforeAll(async () => {
  stack = await startAccessStack()
  access = stack.access
})

afterAll(async () => {
  await stack?.stop()
})

/** A signed-in request as the extension makes it: the browser's cookie, from the extension's origin. */
const asExtension = (cookie: string) => ({ cookie, origin: DEMO.extensionOrigin })

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${access.teamDomain}/cdn-cgi/access/login?email=${encodeURIComponent(email)}&redirect_url=/healthz`, {
    redirect: 'manual',
  })
  expect(res.status).toBe(302)
  const cookie = res.headers.get('set-cookie')?.split(';')[0]
  expect(cookie).toMatch(/^CF_Authorization=/)
  return cookie as string
}

describe('relay behind Cloudflare Access (fake gateway)', () => {
  it('sends an unauthenticated browser to the sign-in page, and lets a signed-in agent through', async () => {
    const anonymous = await fetch(`${access.teamDomain}/v1/persona/inquiries/${ID}`, { redirect: 'manual' })
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toMatch(/^\/cdn-cgi\/access\/login/)

    const cookie = await signIn('agent@example.com')
    const res = await fetch(`${access.teamDomain}/v1/persona/inquiries/${ID}`, { headers: asExtension(cookie) })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { data: { id: string } }).data.id).toBe(ID)
  })

  it('refuses a signed-in browser request made by another site (its Origin not listed), served through the gateway', async () => {
    const cookie = await signIn('agent@example.com')
    const res = await fetch(`${access.teamDomain}/v1/persona/inquiries/${ID}`, {
      headers: { cookie, origin: 'https://page-the-agent-visits.example', 'sec-fetch-site': 'cross-site' },
    })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ code: 'forbidden' })
    const ticket = await fetch(`${access.teamDomain}/v1/live/ticket`, {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    })
    expect(ticket.status).toBe(403)
  })

  it('answers /healthz through the gateway without sign-in (the Bypass policy), saying it is in access mode', async () => {
    const res = await fetch(`${access.teamDomain}/healthz`, { redirect: 'manual' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok', auth: { mode: 'access' } })
  })

  it('validates the token itself: a call around the gateway without one, or with a forged or expired one, is refused', async () => {
    expect((await fetch(`${stack!.relayUrl}/v1/persona/events`)).status).toBe(401)
    const expired = access.sign('agent@example.com', { exp: Math.floor(Date.now() / 1000) - 60 })
    expect((await fetch(`${stack!.relayUrl}/v1/persona/events`, { headers: { 'cf-access-jwt-assertion': expired } })).status).toBe(401)
    const other = await startFakeAccess()
    try {
      const forged = other.sign('lead@example.com', { iss: access.teamDomain, aud: [access.audience] })
      expect((await fetch(`${stack!.relayUrl}/v1/persona/events`, { headers: { 'cf-access-jwt-assertion': forged } })).status).toBe(401)
    } finally {
      await other.close()
    }
    expect(
      (await fetch(`${stack!.relayUrl}/v1/persona/events`, { headers: { 'cf-access-jwt-assertion': access.sign('agent@example.com') } }))
        .status,
    ).toBe(200)
  })

  it('lets an admin (ACCESS_ADMIN_EMAILS) read who looked at an ID, and refuses an agent', async () => {
    const agent = await signIn('agent@example.com')
    await fetch(`${access.teamDomain}/v1/persona/inquiries/${ID}`, { headers: asExtension(agent) })
    expect((await fetch(`${access.teamDomain}/v1/admin/audit?id=${ID}`, { headers: asExtension(agent) })).status).toBe(403)
    const lead = await signIn('lead@example.com')
    await expect
      .poll(
        async () => {
          const res = await fetch(`${access.teamDomain}/v1/admin/audit?id=${ID}`, { headers: asExtension(lead) })
          return ((await res.json()) as { data: { agent: string }[] }).data.map((r) => r.agent)
        },
        { timeout: 10_000 },
      )
      .toContain('agent@example.com')
    // The relay fetched the team's certs once for all of this.
    expect(access.certFetches()).toBe(1)
  })
})
