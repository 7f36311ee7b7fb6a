import { describe, expect, it } from 'vitest'
import { dashboardUrl, idFromDashboardUrl, saysTestMode } from './dashboard.ts'
import { ID_PATTERNS } from './patterns.ts'
import { ID_EXAMPLES } from './id-examples.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const IQSE = 'iqse_T8PrqpoEhwhUV1wHReuU9ofs'
const EVT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
const INQUIRY_URL = `https://app.withpersona.com/dashboard/inquiries/${INQ}`

describe('dashboardUrl', () => {
  it.each([
    ['persona-inquiry', INQ, INQUIRY_URL],
    ['persona-inquiry-session', IQSE, `https://app.withpersona.com/dashboard/inquiry-sessions/${IQSE}`],
    ['persona-event', EVT, `https://app.withpersona.com/dashboard/events/${EVT}`],
    ['deepidv-session', UUID, `https://app.deepidv.com/sessions/${UUID}`],
    ['onfido-workflow-run', UUID, `https://dashboard.onfido.com/results/${UUID}`],
    [
      'stripe-verification-session',
      'vs_1Pgc76B7WZ01zgkWBdQi8PTU',
      'https://dashboard.stripe.com/identity/verification-sessions/vs_1Pgc76B7WZ01zgkWBdQi8PTU',
    ],
  ] as const)('should link a %s to its dashboard page', (kind, id, url) => {
    expect(dashboardUrl(kind, id)).toBe(url)
  })

  it("should link a test-mode object under the dashboard's test path, where the dashboard has one", () => {
    const vs = 'vs_1Pgc76B7WZ01zgkWBdQi8PTU'
    expect(dashboardUrl('stripe-verification-session', vs, { testMode: true })).toBe(
      `https://dashboard.stripe.com/test/identity/verification-sessions/${vs}`,
    )
    expect(idFromDashboardUrl(dashboardUrl('stripe-verification-session', vs, { testMode: true }))).toEqual({
      kind: 'stripe-verification-session',
      id: vs,
    })
    expect(dashboardUrl('persona-inquiry', INQ, { testMode: true })).toBe(INQUIRY_URL)
    expect([saysTestMode({ livemode: false }), saysTestMode({ livemode: true }), saysTestMode({}), saysTestMode(null)]).toEqual([
      true,
      false,
      false,
      false,
    ])
  })

  it('should keep a malformed ID inside the path', () => {
    expect(dashboardUrl('persona-inquiry', '../x?y#z')).toBe('https://app.withpersona.com/dashboard/inquiries/..%2Fx%3Fy%23z')
  })

  // Every example of every kind survives dashboardUrl → idFromDashboardUrl.
  for (const p of ID_PATTERNS) {
    it.each(ID_EXAMPLES[p.kind])(`should read back a ${p.kind} link to %s`, (id) => {
      expect(idFromDashboardUrl(dashboardUrl(p.kind, id)), `Update idFromDashboardUrl to read dashboardUrl's ${p.kind} links`).toEqual({
        kind: p.kind,
        id,
      })
    })
  }
})

describe('idFromDashboardUrl', () => {
  it("should read a Stripe test-mode link (under /test/), and only on Stripe's dashboard", () => {
    const vs = 'vs_1Pgc76B7WZ01zgkWBdQi8PTU'
    expect(idFromDashboardUrl(`https://dashboard.stripe.com/test/identity/verification-sessions/${vs}`)).toEqual({
      kind: 'stripe-verification-session',
      id: vs,
    })
    expect(idFromDashboardUrl('https://dashboard.stripe.com/test/identity/verification-reports/vr_QXhW13B2hsHOm43JtUgs0f0w')).toEqual({
      kind: 'stripe-verification-report',
      id: 'vr_QXhW13B2hsHOm43JtUgs0f0w',
    })
    expect(idFromDashboardUrl(`https://dashboard.stripe.com/testing/identity/verification-sessions/${vs}`)).toBeNull()
    expect(idFromDashboardUrl(`https://app.withpersona.com/test/dashboard/inquiries/${INQ}`)).toBeNull()
  })

  it.each([
    ['a trailing slash', `${INQUIRY_URL}/`],
    ['a sub-page', `${INQUIRY_URL}/verifications`],
    ['a query', `${INQUIRY_URL}?environment-id=env_123`],
    ['a fragment', `${INQUIRY_URL}#overview`],
    ['http', INQUIRY_URL.replace('https:', 'http:')],
    ['an uppercase host', INQUIRY_URL.replace('app.withpersona.com', 'APP.WithPersona.com')],
    ['surrounding whitespace, as pasted', `  ${INQUIRY_URL}\n`],
  ])('should read a link with %s', (_why, url) => {
    expect(idFromDashboardUrl(url)).toEqual({ kind: 'persona-inquiry', id: INQ })
  })

  it.each([
    ['another host', `https://withpersona.com/dashboard/inquiries/${INQ}`],
    ['a look-alike host', `https://app.withpersona.com.evil.example/dashboard/inquiries/${INQ}`],
    ['a userinfo trick', `https://app.withpersona.com@evil.example/dashboard/inquiries/${INQ}`],
    ['a port', `https://app.withpersona.com:8443/dashboard/inquiries/${INQ}`],
    ['another kind of ID in the path', `https://app.withpersona.com/dashboard/inquiries/${IQSE}`],
    ['a malformed ID', 'https://app.withpersona.com/dashboard/inquiries/inq_ABC123'],
    ['an ID with the case changed', `https://app.withpersona.com/dashboard/inquiries/${INQ.toUpperCase()}`],
    ['no ID', 'https://app.withpersona.com/dashboard/inquiries/'],
    ['the list page filtered by ID (not a deep link)', `https://app.withpersona.com/dashboard/inquiries?inquiry-id=${INQ}`],
    ['a deepidv path on the Persona host', `https://app.withpersona.com/sessions/${UUID}`],
    ['a relative link', `/dashboard/inquiries/${INQ}`],
    ['another scheme', `ftp://app.withpersona.com/dashboard/inquiries/${INQ}`],
    ['a javascript: link', `javascript:alert("${INQ}")`],
    ['a bare ID', INQ],
    ['nothing', ''],
  ])('should return null for %s', (_why, url) => {
    expect(idFromDashboardUrl(url)).toBeNull()
  })
})
