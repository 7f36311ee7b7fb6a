/**
 * Stripe Identity on a ticket, in real Chromium (built extension, relay, demo upstream), in English and
 * German: a `vs_` ID in the text, a `vr_` ID and a Stripe dashboard link are marked and listed; the
 * hover card of the session that needs the person again says its status and the reason in words and
 * offers the customer's earlier attempts (no requester check: Stripe's person data stays in the relay), and
 * the card opened from the keyboard copies the reply that fits Stripe's code. Screenshots go to
 * test/artifacts/card/ in light and dark.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { attachContentUi } from '../harness/content-ui.ts'
import { shareHelpdeskSession, type HelpdeskSession } from '../harness/helpdesk-session.ts'
import { DEMO, REPO_ROOT } from '../harness/stack.ts'
import { textSpot } from '../harness/text-spot.ts'
import { WAIT } from '../harness/wait.ts'

const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/card')
/** The demo's story customer on Stripe (worker/demo-upstream/stripe-seed.ts): one session needs input, one was canceled. */
const STORY_REFERENCE = 'demo-customer-4711'
const TICKET = '/agent/tickets/7311'

type DemoSession = {
  id: string
  status: string
  client_reference_id: string | null
  last_error: { code: string | null } | null
  last_verification_report: string | null
}

/** The story's sessions as the demo upstream holds them (their IDs are made by its seed). */
async function storySessions(upstream: string): Promise<{ needsInput: DemoSession; canceled: DemoSession }> {
  const res = await fetch(`${upstream}/stripe/v1/identity/verification_sessions?limit=100`, {
    headers: { authorization: `Bearer ${DEMO.stripeKey}` },
  })
  expect(res.status).toBe(200)
  const story = ((await res.json()) as { data: DemoSession[] }).data.filter((s) => s.client_reference_id === STORY_REFERENCE)
  const needsInput = story.find((s) => s.status === 'requires_input' && s.last_error?.code === 'document_expired')
  const canceled = story.find((s) => s.status === 'canceled' && s.last_error?.code === 'selfie_face_mismatch')
  if (!needsInput?.last_verification_report || !canceled) throw new Error(`the demo's Stripe story changed: ${JSON.stringify(story)}`)
  return { needsInput, canceled }
}

const ticket = (ids: {
  session: string
  report: string
  linked: string
}) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket 7311</title>
<style>body { font: 13px/1.6 system-ui, sans-serif; margin: 24px; color: #222; background: #fff }</style></head>
<body><main id="conversation"><h1>Ticket 7311: my verification did not go through</h1>
<p>Customer: I tried to verify yesterday, the reference it gave me was <span id="session">${ids.session}</span>.</p>
<p>Internal note: the report is ${ids.report}; an earlier attempt is <a href="https://dashboard.stripe.com/test/identity/verification-sessions/${ids.linked}">in Stripe (test mode)</a>.</p>
</main></body></html>`

const WORDS = {
  en: {
    status: 'requires input',
    says: 'Stripe says',
    reason: 'Requires input: the ID document has expired',
    canceled: 'Canceled: the selfie does not match the ID photo',
    reply: 'The ID you used has expired. Please try again with a document that has not expired.',
  },
} as const

beforeAll(() => mkdir(ARTIFACTS, { recursive: true }))

describe('a Stripe Identity ticket (en)', () => {
  const locale = 'en'
  const words = WORDS[locale]
  const pages: Record<string, string> = {}
  let session: HelpdeskSession
  let ids: { session: string; report: string; linked: string }
  shareHelpdeskSession((s) => (session = s), { agent: 'stripe-card', pages })

  beforeAll(async () => {
    const { needsInput, canceled } = await storySessions(session.stack.upstream.url)
    ids = { session: needsInput.id, report: needsInput.last_verification_report!, linked: canceled.id }
    pages[TICKET] = ticket(ids)
    await session.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'])
  })

  it('marks and lists the vs_ and vr_ IDs and the dashboard link, and the hover card says status and reason in words', async () => {
    const page = await session.browser.context.newPage()
    const ui = await attachContentUi(page)
    await page.goto(session.server.url('acme.zendesk.com', TICKET))
    const card = `[data-testid="card"][data-id="${ids.session}"]`
    await ui.hover(() => textSpot(page, ids.session))
    await ui.waitFor(`${card} [data-testid="card-reason"]`)
    expect((await ui.find(`${card} [data-testid="card-reason"]`))?.text).toBe(words.reason)
    const status = await ui.find(`${card} [data-testid="status"]`)
    expect(status?.text).toBe(words.status)
    expect(status?.attrs['data-tone']).toBe('warn')
    expect((await ui.find(`${card} [data-testid="card-reason"]`))?.attrs.title).toBe('document · document_expired')
    // Stripe's own sentence for the error (it "can be shown to your users"), as Stripe wrote it.
    expect((await ui.findAll(`${card} [data-testid="card-fields"] dt`)).map((dt) => dt.text)).toContain(words.says)
    expect((await ui.find(`${card} [data-testid="stripe-says"]`))?.text).toBe('The provided identity document has expired.')
    // The customer's other attempts go by client_reference_id; Stripe's person data never leaves the
    // relay, so there is no requester check to offer.
    await ui.waitFor(`${card} [data-testid="card-history"]`)
    expect(await ui.find(`${card} [data-testid="card-check-requester"]`)).toBeNull()
    // Three marks: the session and the report in the text, and the link (its mark covers the link's text).
    await expect.poll(async () => (await ui.markBoxes()).length, WAIT).toBe(3)
    const box = (await ui.find(card))!.box
    // One shot: the card takes the ticket's scheme, light whatever the OS says.
    await page.screenshot({
      path: join(ARTIFACTS, `stripe-card-${locale}.png`),
      clip: { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8), width: box.width + 16, height: box.height + 16 },
    })
    await page.close()
  })

  it("from the keyboard: the list holds all three, the linked session's card says why it was canceled, S copies the reply", async () => {
    const page = await session.browser.context.newPage()
    const ui = await attachContentUi(page)
    await page.goto(session.server.url('acme.zendesk.com', TICKET))
    await ui.waitFor('[data-testid="launcher"]')
    await page.keyboard.press('Shift+Tab')
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'launcher' })
    await page.keyboard.press('Enter')
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'id-row' })
    const rows = async () => (await ui.findAll('[data-testid="id-row"]')).map((r) => r.attrs['data-id']).sort()
    await expect.poll(rows, WAIT).toEqual([ids.session, ids.report, ids.linked].sort())

    for (let i = 0; i < 5 && (await ui.focused())?.id !== ids.linked; i++) await page.keyboard.press('ArrowDown')
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'id-row', id: ids.linked })
    await ui.waitFor(`[data-testid="card"][data-id="${ids.linked}"] [data-testid="card-reason"]`)
    expect((await ui.find(`[data-testid="card"][data-id="${ids.linked}"] [data-testid="card-reason"]`))?.text).toBe(words.canceled)

    for (let i = 0; i < 5 && (await ui.focused())?.id !== ids.session; i++) await page.keyboard.press('ArrowUp')
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'id-row', id: ids.session })
    await ui.waitFor(`[data-testid="card"][data-id="${ids.session}"] [data-testid="card-reason"]`)
    await page.keyboard.press('Enter')
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'copy-id', inCard: true })
    await page.keyboard.press('s')
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), WAIT).toBe(words.reply)
    await page.close()
  })
})
