/**
 * Onfido on a ticket and in the side panel, in real Chromium. A ticket's run,
 * its dashboard link and a deepidv session (a UUID too) are marked; each card names its vendor as the
 * relay's lookup answered, the run's with its status and reason in words. The Onfido tab pages through
 * every run with none twice and filters by status; the run's detail says why, lists its reports and
 * their breakdowns in words, and the customer's attempts at every vendor by the run's customer reference.
 * A bare UUID is marked on the helpdesk by default. Screenshots: test/artifacts/onfido/.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { attachContentUi } from '../harness/content-ui.ts'
import { shareHelpdeskSession, type HelpdeskSession } from '../harness/helpdesk-session.ts'
import { attemptIds, earlierAttempts, openSidePanelPage, showPanelTab } from '../harness/side-panel-page.ts'
import { panelList, scrollsSideways } from '../harness/panel-list.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { textSpot } from '../harness/text-spot.ts'
import { axeViolations } from '../harness/axe.ts'
import { wholePageShot } from '../harness/whole-page.ts'
import { WAIT } from '../harness/wait.ts'

/** The extension API read in the service worker (run there; typed here for the checker). */
declare const chrome: { storage: { local: { get(keys: string[]): Promise<object> } } }

const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/onfido')
/** Every page of the list, one relay call each: a loaded machine can take one wait's bound per page. */
const PAGES_WAIT = { ...WAIT, timeout: 120_000 }
const SCHEMES = ['light', 'dark'] as const
/** The demo story's customer on Onfido (worker/demo-upstream/onfido-seed.ts ONFIDO_STORY). */
const STORY = {
  applicantId: '3b9f6c2e-8a41-4d7e-b2c5-9e0a1f6d4c83',
  declined: 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46',
  waiting: 'e8d14b7a-6c2f-4a95-b3e1-7f0c2d9a5b18',
}
/** Dana's deepidv session (worker/demo-upstream/deepidv-story.ts): a UUID of the other UUID vendor. */
const STORY_DEEPIDV = '5f2c9a1e-7b34-4d6a-9e08-3c1b7d4a2f65'
/** Any `onfido_demo_` token reads the demo upstream: the test's own oracle, apart from the relay's. */
const ORACLE = { authorization: 'Token token=onfido_demo_onfido_e2e_oracle' }
const TICKET = '/agent/tickets/7412'

type DemoRun = { id: string; status: string; applicant_id: string; reasons: string[] }

/** Every run of the demo's Onfido account, page after page as Onfido lists them, newest first. */
async function demoRuns(upstream: string, query = ''): Promise<DemoRun[]> {
  const runs: DemoRun[] = []
  for (let page = 1; page < 50; page++) {
    const res = await fetch(`${upstream}/onfido/v3.6/workflow_runs?page=${page}${query}`, { headers: ORACLE })
    expect(res.status).toBe(200)
    const body = (await res.json()) as DemoRun[]
    if (body.length === 0) return runs
    runs.push(...body)
  }
  throw new Error('the demo lists more than 50 pages of runs')
}

const ticket = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket 7412</title>
<style>body { font: 13px/1.6 system-ui, sans-serif; margin: 24px; color: #222; background: #fff }</style></head>
<body><main id="conversation"><h1>Ticket 7412: why was I declined?</h1>
<p>Customer: my verification was declined, the reference on the screen was <span id="run">${STORY.declined}</span>.</p>
<p>Internal note: a new run was sent, <a href="https://dashboard.onfido.com/results/${STORY.waiting}">see it in Onfido</a>.
Her deepidv session was ${STORY_DEEPIDV}.</p>
</main><aside data-test-id="customer-context-pane"><div data-test-id="customer-context-email">dana.customer@example.com</div></aside></body></html>`

const WORDS = {
  en: {
    kind: 'Onfido workflow run',
    deepidvKind: 'deepidv session',
    declined: 'declined',
    reason: 'Declined: the photo of the ID document is not clear enough',
    openIn: 'Open in Onfido',
    why: 'The photo of the ID document is not clear enough',
    reports: ['Document', 'Face (photo)'],
    subResult: 'Sub-result: caution',
    flagged: 'Image integrity',
    subItems: 'Image quality: consider, Supported document: clear',
    attempts: (n: number) => `${n} other attempts`,
    waiting: 'awaiting input',
    requesterMatch: 'Match: this is the email used to verify.',
  },
} as const

beforeAll(() => mkdir(ARTIFACTS, { recursive: true }))

describe('Onfido (en)', () => {
  const locale = 'en'
  const words = WORDS[locale]
  const pageErrors: string[] = []
  let session: HelpdeskSession
  let all: DemoRun[]
  shareHelpdeskSession((s) => (session = s), { agent: 'onfido', pages: { [TICKET]: ticket } })

  beforeAll(async () => {
    all = await demoRuns(session.stack.upstream.url)
  })

  it("marks the run, its dashboard link and a deepidv UUID; each card names its vendor, the run's its status and reason in words", async () => {
    // Nothing set: bare UUIDs count on a built-in helpdesk's agent page by default (deepidv's and Onfido's alike).
    const settings = await session.browser.background.evaluate(() => chrome.storage.local.get(['siteSettings', 'uuidHelpdesks']))
    expect(settings).toEqual({})
    const page = await session.browser.context.newPage()
    const ui = await attachContentUi(page)
    await page.goto(session.server.url('acme.zendesk.com', TICKET))
    // Three marks: the run and the deepidv session in the text, and the link (its mark covers its text).
    await expect.poll(async () => (await ui.markBoxes()).length, WAIT).toBe(3)

    const card = `[data-testid="card"][data-id="${STORY.declined}"]`
    await ui.hover(() => textSpot(page, STORY.declined))
    await ui.waitFor(`${card} [data-testid="card-reason"]`)
    expect((await ui.find(`${card} .card-kind`))?.text).toBe(words.kind)
    expect((await ui.find(`${card} [data-testid="card-reason"]`))?.text).toBe(words.reason)
    expect((await ui.find(`${card} [data-testid="card-reason"]`))?.attrs.title).toBe('workflow_run · document_image_quality')
    const status = await ui.find(`${card} [data-testid="status"]`)
    expect(status?.text).toBe(words.declined)
    expect(status?.attrs['data-tone']).toBe('bad')
    const dashboard = await ui.find(`${card} [data-testid="open-dashboard"]`)
    expect([dashboard?.text.replace(' ↗', ''), dashboard?.attrs.href]).toEqual([
      words.openIn,
      `https://dashboard.onfido.com/results/${STORY.declined}`,
    ])
    // The applicant's other runs are offered, and the ticket's requester is checked against the run's applicant on a click.
    expect(await ui.find(`${card} [data-testid="card-history"]`)).not.toBeNull()
    await ui.click(`${card} [data-testid="card-check-requester"]`)
    await expect.poll(async () => (await ui.find(`${card} [data-testid="card-requester"]`))?.attrs['data-result'], WAIT).toBe('match')
    expect((await ui.find(`${card} [data-testid="card-requester-result"]`))?.text).toBe(words.requesterMatch)
    const box = (await ui.find(card))!.box
    // One shot: the card takes the ticket's scheme, light whatever the OS says.
    await page.screenshot({
      path: join(ARTIFACTS, `card-${locale}.png`),
      clip: { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8), width: box.width + 16, height: box.height + 16 },
    })

    // The deepidv session on the same ticket is deepidv's: the relay's lookup asked each UUID vendor.
    await page.mouse.move(1, 1)
    await ui.waitFor(card, { state: 'detached' })
    const other = `[data-testid="card"][data-id="${STORY_DEEPIDV}"]`
    await ui.hover(() => textSpot(page, STORY_DEEPIDV))
    await ui.waitFor(`${other} [data-testid="status"]`)
    await expect.poll(async () => (await ui.find(`${other} .card-kind`))?.text, WAIT).toBe(words.deepidvKind)

    // The list of the page's IDs names each one's vendor too.
    await page.mouse.move(1, 1)
    await ui.waitFor(other, { state: 'detached' })
    await page.keyboard.press('Shift+Tab')
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'launcher' })
    await page.keyboard.press('Enter')
    const rows = async () => (await ui.findAll('[data-testid="id-row"]')).map((r) => [r.attrs['data-id'], r.text.split(' · ')[0]?.trim()])
    await expect.poll(rows, WAIT).toEqual(
      expect.arrayContaining([
        [STORY.declined, expect.stringContaining(words.kind)],
        [STORY.waiting, expect.stringContaining(words.kind)],
        [STORY_DEEPIDV, expect.stringContaining(words.deepidvKind)],
      ]),
    )
    await page.close()
  })

  it('lists every run page after page with none twice, and filters by status', async () => {
    const page = await openSidePanelPage(session.browser, pageErrors)
    await showPanelTab(page, 'onfido')
    const list = panelList(page, 'onfido')
    await expect.poll(async () => (await list.ids()).length, WAIT).toBeGreaterThan(0)
    // Every tab in one row at 400 px (German: german-pass), and every one in sight.
    const tabs = await page
      .locator('[role="tablist"] [role="tab"]')
      .evaluateAll((els) => els.map((t) => t.getBoundingClientRect()).map((r) => ({ top: r.top, right: r.right })))
    expect(new Set(tabs.map((t) => t.top)).size, 'the tabs are one row').toBe(1)
    expect(Math.max(...tabs.map((t) => t.right)), 'the last tab is in sight').toBeLessThanOrEqual(
      await page.evaluate(() => document.documentElement.clientWidth),
    )
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      expect.soft(await axeViolations(page), `list ${scheme}`).toEqual([])
      await page.screenshot({ path: join(ARTIFACTS, `list-${locale}-${scheme}.png`) })
    }
    // Onfido's pages, one after the other.
    await expect.poll(async () => (await list.more(), list.rowsOrWhy(all.length)()), PAGES_WAIT).toBe(all.length)
    expect(await list.ids()).toEqual(all.map((r) => r.id))
    // Onfido documents no page size: only an empty page ends the list, so one more page is asked for
    // (by the sentinel in sight, or the button as an agent would) before the end shows.
    await expect.poll(async () => (await list.more(), page.getByTestId('end-of-list').isVisible()), PAGES_WAIT).toBe(true)
    expect(await scrollsSideways(page), 'nothing scrolls sideways at 400 px').toBe(false)

    // One status: Onfido's `status` filter, every run of it and no other.
    await list.filterStatus('filter-onfido-status', 'declined')
    const declined = all.filter((r) => r.status === 'declined').map((r) => r.id)
    expect(declined.length).toBeGreaterThan(1)
    await expect.poll(list.ids, WAIT).toEqual(declined)
    expect(new Set(await list.statuses())).toEqual(new Set([words.declined]))
    // A row says the run's own reasons; one whose workflow set none says why on its card and detail (its reports).
    const withReasons = all.filter((r) => r.status === 'declined' && r.reasons.length > 0)
    expect(withReasons.length).toBe(declined.length - 1)
    expect(await list.reasons()).toBe(withReasons.length)
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.screenshot({ path: join(ARTIFACTS, `list-declined-${locale}-${scheme}.png`) })
    }
    expect(pageErrors).toEqual([])
    await page.close()
  })

  it("the declined run's detail: why in words, its reports and breakdowns, the applicant's other runs", async () => {
    const page = await openSidePanelPage(session.browser, pageErrors)
    await page.getByTestId('lookup-input').fill(STORY.declined)
    await page.getByTestId('lookup-input').press('Enter')
    const detail = page.locator(`[data-testid="detail"][data-id="${STORY.declined}"]`)
    await detail.waitFor(WAIT)
    expect(await detail.getAttribute('data-kind')).toBe('onfido-workflow-run')

    const why = detail.locator('[data-testid="why-failed-check"] [title="document_image_quality"]')
    await expect.poll(() => why.innerText().catch(() => ''), WAIT).toBe(words.why)
    expect(await detail.locator('[data-field="fieldStatus"] [data-testid="status"]').innerText()).toBe(words.declined)
    expect(await detail.locator('[data-field="fieldApplicant"] dd').innerText()).toBe(STORY.applicantId)

    // Its check's reports: the flagged document first, its sub-result and flagged breakdown item in words.
    const reports = detail.locator('[data-testid="onfido-report"]')
    await expect.poll(() => reports.locator('strong').allInnerTexts(), WAIT).toEqual([...words.reports])
    expect(await reports.first().getAttribute('data-result')).toBe('consider')
    expect((await reports.first().getByTestId('onfido-sub-result').innerText()).trim()).toBe(words.subResult)
    const flagged = reports.first().locator('[data-testid="onfido-breakdown"][data-result="consider"]')
    expect(await flagged.getAttribute('data-item')).toBe('image_integrity')
    expect(await flagged.locator('[data-raw="image_integrity"]').innerText()).toBe(words.flagged)
    expect(await flagged.getByTestId('onfido-sub-items').innerText()).toBe(words.subItems)

    // Her attempts at every vendor, by the run's customer reference: the relay's history, her Onfido runs among them.
    const res = await fetch(`${session.stack.relay.url}/v1/history?reference-id=user-7431`, {
      headers: { authorization: `Bearer ${session.agentToken}` },
    })
    const history = ((await res.json()) as { data: { id: string }[] }).data.map((entry) => entry.id)
    expect(history).toEqual(expect.arrayContaining([STORY.waiting, STORY.declined]))
    await expect.poll(earlierAttempts(detail), WAIT).toBe(words.attempts(history.length - 1))
    await expect.poll(attemptIds(detail), WAIT).toEqual(history)
    expect(await detail.getByTestId('detail-open-vendor').getAttribute('href')).toBe(
      `https://dashboard.onfido.com/results/${STORY.declined}`,
    )

    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.evaluate(() => window.scrollTo(0, 0))
      expect.soft(await axeViolations(page), `detail ${scheme}`).toEqual([])
      await wholePageShot(page, join(ARTIFACTS, `detail-${locale}-${scheme}.png`))
      await detail.getByTestId('detail-reports').screenshot({ path: join(ARTIFACTS, `detail-reports-${locale}-${scheme}.png`) })
    }
    expect(await scrollsSideways(page), 'nothing scrolls sideways at 400 px').toBe(false)

    // The waiting run opens from the history, as an Onfido run.
    await detail.locator(`[data-testid="history-attempt"][data-id="${STORY.waiting}"] button`).click()
    const waiting = page.locator(`[data-testid="detail"][data-id="${STORY.waiting}"]`)
    await waiting.waitFor(WAIT)
    expect(await waiting.getAttribute('data-kind')).toBe('onfido-workflow-run')
    await expect
      .poll(
        () =>
          waiting
            .locator('[data-field="fieldStatus"] [data-testid="status"]')
            .innerText()
            .catch(() => ''),
        WAIT,
      )
      .toBe(words.waiting)
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
