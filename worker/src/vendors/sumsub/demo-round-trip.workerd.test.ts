/**
 * The relay's Sumsub signing against the demo upstream's check (node:crypto, apart from it), in
 * workerd over HTTP: a signed read is answered and leaves the relay's allowlist with the review
 * only; a wrong secret is answered 401, as Sumsub does.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { sumsubApplicantAllowed } from './allowlist.ts'
import { sumsubApplicantPath } from './ids.ts'
import { sumsubReviewReason } from './review-reason.ts'
import { sumsubAuthHeaders, type SumsubCredentials } from './sign.ts'
import type { SumsubApplicant } from './types.ts'

const base = `${(env as unknown as { TEST_UPSTREAM_URL: string }).TEST_UPSTREAM_URL}/sumsub`
// demo-upstream/sumsub/sumsub-app.ts, SUMSUB_DEMO_KEYS.
const DEMO: SumsubCredentials = { appToken: 'sbx:idv-lens-demo-token', secretKey: 'idv-lens-demo-sumsub-secret' }

async function read(path: string, credentials = DEMO): Promise<Response> {
  const headers = await sumsubAuthHeaders(credentials, { method: 'GET', pathWithQuery: path, body: '' }, Date.now())
  return fetch(`${base}${path}`, { headers: { accept: 'application/json', ...headers } })
}

describe('Sumsub signing against the demo upstream', () => {
  it('reads Mara by her external user ID, and lets out her review and nothing of her person', async () => {
    const res = await read(sumsubApplicantPath({ externalUserId: 'demo-user-mara' })!)
    expect(res.status).toBe(200)
    const raw = await res.text()
    expect(raw).toContain('mara.sentinel7q@example.com')
    expect(raw).toContain('clientComment')
    const kept = sumsubApplicantAllowed(JSON.parse(raw) as SumsubApplicant)
    const text = JSON.stringify(kept)
    for (const personal of ['sentinel7q', 'Mara', 'Beispiel', '1901-02-03', 'C01X00T47', 'second document on file'])
      expect(text).not.toContain(personal)
    expect(kept).toMatchObject({ id: '65a1f0c2e4b0a1b2c3d4e504', externalUserId: 'demo-user-mara', levelName: 'basic-kyc-level' })
    expect(sumsubReviewReason(kept)).toMatchObject({ check: 'review:RETRY', reasons: ['UNSATISFACTORY_PHOTOS', 'SCREENSHOTS'] })
  })

  it('reads an applicant by its Sumsub ID', async () => {
    const res = await read(sumsubApplicantPath({ id: '65A1F0C2E4B0A1B2C3D4E505' })!)
    expect(res.status).toBe(200)
    expect(sumsubReviewReason(sumsubApplicantAllowed((await res.json()) as SumsubApplicant))).toMatchObject({
      check: 'review:FINAL',
      reasons: ['FORGERY', 'SELFIE_MISMATCH'],
    })
  })

  it('is refused 401 under another secret key', async () => {
    const res = await read(sumsubApplicantPath({ id: '65a1f0c2e4b0a1b2c3d4e501' })!, { ...DEMO, secretKey: 'not-the-key' })
    expect(res.status).toBe(401)
  })
})
