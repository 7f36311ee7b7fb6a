/**
 * A flagged inquiry gets the team's escalation, not a link (issue 75), in real Chromium (built
 * extension, relay under `wrangler dev` with FLAGGED_ESCALATION, demo upstream), in English (German: german-pass): the card
 * leads with the flag, says why its reply stays neutral and offers no link; the internal note leads
 * with the flag; the detail offers no link but the escalation, which, confirmed, tags the inquiry at
 * the vendor and leaves its audit row. Screenshots: test/artifacts/surfaces/flagged-*.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startHelpdeskServer, type HelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import type { ExtensionBrowser } from '../harness/browser.ts'
import { attachContentUi } from '../harness/content-ui.ts'
import { browserOver, startTogether } from '../harness/helpdesk-session.ts'
import { openDetail, openSidePanelPage, shootLightAndDark } from '../harness/side-panel-page.ts'
import { REPO_ROOT, startStack, type Stack } from '../harness/stack.ts'
import { statusPage } from '../harness/status-page.ts'
import { textSpot } from '../harness/text-spot.ts'
import { WAIT } from '../harness/wait.ts'
import { flaggedInquiry, ORACLE, type Inquiry } from '../harness/flagged-inquiry.ts'

const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/surfaces')
const PATH = '/agent/tickets/7075'
const ACTOR = { name: 'fran.agent@acme.example', token: 'idvl_e2e_flagged_escalation_actor_0001' }
const CONTACT = 'the fraud team in #fraud-review'
/** English: the German words are read on every one of these surfaces by german-pass.e2e.test.ts. */
const WORDS = {
  en: {
    headline: /^Flagged: /,
    neutral: 'Flagged: this reply stays neutral on purpose; the other checks stay internal.',
    note: /^- Flagged: .+ \(no new link; escalate it\)$/m,
    contact: `Who to tell: ${CONTACT}`,
    confirm: (id: string) => `Add the tag “fraud-review” to ${id}, so the team's review takes it up?`,
    done: (id: string) => `Escalated: ${id} now has the tag “fraud-review”.`,
  },
} as const

describe('a flagged inquiry', () => {
  const locale = 'en'
  const words = WORDS[locale]
  const pages: Record<string, string> = {}
  const pageErrors: string[] = []
  let stack: Stack
  let server: HelpdeskServer
  let browser: ExtensionBrowser
  let stop = async () => {}
  let id = ''

  beforeAll(async () => {
    const vars = { ACTIONS: 'one-time-link,tags,flagged-escalation', FLAGGED_ESCALATION: 'tag:fraud-review', FLAGGED_CONTACT: CONTACT }
    const browsing = () => browserOver(startHelpdeskServer({ pages }))
    const [started, browsed] = await startTogether(startStack({ agentTokens: `${ACTOR.name}:${ACTOR.token}:actor`, vars }), browsing)
    ;({ server, browser } = browsed)
    stack = started
    stop = async () => void (await Promise.all([browsed.stop(), started.stop()]))
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await browser.setSettings({ workerUrl: stack.relay.url, agentToken: ACTOR.token })
    id = await flaggedInquiry(stack.upstream.personaBase)
    pages[PATH] = statusPage({ flagged: id })
    await mkdir(ARTIFACTS, { recursive: true })
  })

  afterAll(async () => {
    await stop()
  })

  it('the card leads with the flag, says why its reply stays neutral, and offers no link', async () => {
    const page = await browser.context.newPage()
    const ui = await attachContentUi(page)
    await page.goto(server.url('acme.zendesk.com', PATH))
    await ui.hover(() => textSpot(page, id))
    const card = `[data-testid="card"][data-id="${id}"]`
    await ui.waitFor(`${card} [data-testid="card-reason"]`)
    expect((await ui.find(`${card} [data-testid="card-verdict"]`))?.text).toMatch(words.headline)
    expect((await ui.find(`${card} [data-testid="card-reply-coverage"]`))?.text).toBe(words.neutral)
    // The agent's other actions are drawn, so the link's absence is the flag's doing.
    await ui.waitFor(`${card} [data-testid="card-action-tags"]`)
    expect(await ui.find(`${card} [data-testid="card-action-link"]`)).toBeNull()
    const box = (await ui.find(card))!.box
    await page.screenshot({
      path: join(ARTIFACTS, `flagged-card-${locale}.png`),
      clip: { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8), width: box.width + 16, height: box.height + 16 },
    })
    await page.close()
  })

  it("the detail's note leads with the flag; it offers the escalation, not a link, and the confirmed escalation is done and audited", async () => {
    const page = await openSidePanelPage(browser, pageErrors)
    const detail = await openDetail(page, id, { settled: true })
    await detail.getByTestId('copy-summary-markdown').click()
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), WAIT).toMatch(words.note)
    const actions = detail.getByTestId('detail-actions')
    await detail.getByTestId('action-escalate').waitFor(WAIT)
    expect(await detail.getByTestId('action-link').count()).toBe(0)
    expect(await detail.getByTestId('flagged-contact').innerText()).toBe(words.contact)
    await shootLightAndDark(page, actions, join(ARTIFACTS, `flagged-detail-${locale}`))
    await detail.getByTestId('action-escalate').click()
    expect(await detail.getByTestId('escalate-confirm-text').innerText()).toBe(words.confirm(id))
    await shootLightAndDark(page, actions, join(ARTIFACTS, `flagged-escalate-confirm-${locale}`))
    await detail.getByTestId('escalate-confirm').click()
    await expect.poll(() => detail.getByTestId('escalate-done').innerText(), WAIT).toBe(words.done(id))
    // The view reloads past the cache: the dev build's team tag fraud-review now shows as the inquiry's.
    await expect
      .poll(() => detail.locator('[data-testid="tag-toggle"][data-tag="fraud-review"]').getAttribute('aria-pressed'), WAIT)
      .toBe('true')
    await shootLightAndDark(page, actions, join(ARTIFACTS, `flagged-escalated-${locale}`))
    // At the vendor: the inquiry has the admin's tag.
    const vendor = (await (await fetch(`${stack.upstream.personaBase}/inquiries/${id}`, { headers: ORACLE })).json()) as Inquiry
    expect(vendor.data.attributes.tags).toEqual(['fraud-review'])
    const rows = await vi.waitFor(
      async () => {
        const found = await stack.relay.queryAudit<Record<string, unknown>>(
          `SELECT * FROM audit WHERE route = '/v1/persona/inquiries/:id/escalate' AND ids = '${JSON.stringify([id])}'`,
        )
        expect(found.length).toBeGreaterThan(0)
        return found
      },
      { timeout: 30_000, interval: 100 },
    )
    expect(rows.map((r) => [r['agent'], r['status'], r['outcome']])).toEqual([[ACTOR.name, 200, 'served']])
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
