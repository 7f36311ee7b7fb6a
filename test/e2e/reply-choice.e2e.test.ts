/**
 * A flagged person is never coached, in real Chromium (built extension, relay, demo upstream), in
 * English: an inquiry that failed "more than one face" and "the face matches one flagged as
 * suspicious" gets the neutral "not verified" reply from the card and from the side panel's detail;
 * the card's headline leads with the flag, and both say the reply stays neutral on purpose (never "covers 1 of 3").
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attachContentUi } from '../harness/content-ui.ts'
import { startHelpdeskSession, type HelpdeskSession } from '../harness/helpdesk-session.ts'
import { openSidePanelPage } from '../harness/side-panel-page.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { statusPage } from '../harness/status-page.ts'
import { textSpot } from '../harness/text-spot.ts'
import { WAIT } from '../harness/wait.ts'

const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/surfaces')
const PATH = '/agent/tickets/7055'
/** The pair: more than one face, and a face flagged as suspicious. */
const PAIR = ['selfie_multiple_faces_detection', 'selfie_suspicious_entity_detection']
/** Checks that point at fraud or another person, named here rather than read from the tables under test. */
const SUSPICION = new Set([
  'selfie_suspicious_entity_detection',
  'selfie_public_figure_detection',
  'selfie_repeat_detection',
  'id_compromised_detection',
  'id_fabrication_detection',
  'id_tamper_detection',
])

const WORDS = {
  en: {
    reply:
      'We could not verify your identity with the documents provided. There is nothing you need to do for now; we will be in touch if we need anything else from you.',
    neutral: 'Flagged: this reply stays neutral on purpose; the other checks stay internal.',
    headline: /^Flagged: /,
    coaching: /face|selfie|picture/i,
  },
} as const

type Check = { name: string; status: string }
type Included = { type: string; attributes: { checks?: Check[] } }

/**
 * A failed inquiry of the demo data with the pair among its failed checks, read from the demo
 * upstream itself (the test's own key, so the agent's relay budget and cache are untouched), and how
 * many checks failed in all and how many of them are suspicions.
 */
async function flaggedInquiry(personaBase: string): Promise<{ id: string; failed: number; suspicions: number }> {
  const headers = { authorization: 'Bearer persona_demo_reply_choice_e2e' }
  const list = (await (await fetch(`${personaBase}/inquiries?filter%5Bstatus%5D=failed&page%5Bsize%5D=100`, { headers })).json()) as {
    data: { id: string }[]
  }
  for (const { id } of list.data) {
    const body = (await (await fetch(`${personaBase}/inquiries/${id}?include=verifications`, { headers })).json()) as {
      included?: Included[]
    }
    const failed = (body.included ?? [])
      .filter((i) => i.type.startsWith('verification/'))
      .flatMap((v) => (v.attributes.checks ?? []).filter((c) => c.status === 'failed'))
    if (PAIR.every((name) => failed.some((c) => c.name === name)))
      return { id, failed: failed.length, suspicions: failed.filter((c) => SUSPICION.has(c.name)).length }
  }
  throw new Error('the demo data has no failed inquiry with both checks of the pair')
}

describe('the reply for a flagged inquiry with several failed checks (en)', () => {
  const locale = 'en'
  const words = WORDS[locale]
  const pages: Record<string, string> = {}
  let session: HelpdeskSession
  let inquiry: Awaited<ReturnType<typeof flaggedInquiry>>
  const pageErrors: string[] = []

  beforeAll(async () => {
    session = await startHelpdeskSession({ agent: 'reply-choice', pages })
    await session.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'])
    inquiry = await flaggedInquiry(session.stack.upstream.personaBase)
    pages[PATH] = statusPage({ flagged: inquiry.id })
  })

  afterAll(async () => {
    await session?.stop()
  })

  it('the card leads with the flag, copies "not verified", nothing about the face, and says why it stays neutral', async () => {
    expect(inquiry.failed).toBeGreaterThan(inquiry.suspicions)
    const page = await session.browser.context.newPage()
    const ui = await attachContentUi(page)
    await page.goto(session.server.url('acme.zendesk.com', PATH))
    await ui.hover(() => textSpot(page, inquiry.id))
    const card = `[data-testid="card"][data-id="${inquiry.id}"]`
    await ui.waitFor(`${card} [data-testid="card-reason"]`)
    expect((await ui.find(`${card} [data-testid="card-verdict"]`))?.text).toMatch(words.headline)
    await ui.click(`${card} [data-testid="copy-summary"]`)
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), WAIT).toBe(words.reply)
    expect(words.reply).not.toMatch(words.coaching)
    expect((await ui.find(`${card} [data-testid="card-reply-coverage"]`))?.text).toBe(words.neutral)
    const box = (await ui.find(card))!.box
    await mkdir(ARTIFACTS, { recursive: true })
    await page.screenshot({
      path: join(ARTIFACTS, `card-reply-coverage-${locale}.png`),
      clip: { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8), width: box.width + 16, height: box.height + 16 },
    })
    await page.close()
  })

  it('the detail copies the same reply, with the same note beside "Copy reply"', async () => {
    const page = await openSidePanelPage(session.browser, pageErrors)
    await page.getByTestId('lookup-input').fill(inquiry.id)
    await page.getByTestId('lookup-input').press('Enter')
    const detail = page.locator(`[data-testid="detail"][data-id="${inquiry.id}"]`)
    // Every failed check is listed in "Why": the agent sees what the reply leaves out.
    await expect.poll(() => detail.locator('[data-testid="why-failed-check"]').count(), WAIT).toBe(inquiry.failed)
    await detail.getByTestId('copy-summary-text').click()
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), WAIT).toBe(words.reply)
    expect(await detail.getByTestId('reply-coverage').innerText()).toBe(words.neutral)
    await detail.getByTestId('copy-summary').screenshot({ path: join(ARTIFACTS, `detail-reply-coverage-${locale}.png`) })
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
