/**
 * Stripe Identity in the side panel, in real Chromium (built extension, relay, demo upstream) at the
 * panel's 400 px, in English and German: the Stripe tab lists the demo's sessions page after page
 * (Stripe's `starting_after`) with none twice, its status filter asks Stripe for one status, and a
 * canceled session's detail says why in words, lists its report's checks, says plainly that the
 * requester check is not available for Stripe, and shows the customer's other sessions. Screenshots
 * go to test/artifacts/stripe-panel/ in light and dark.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { shareHelpdeskSession, type HelpdeskSession } from '../harness/helpdesk-session.ts'
import { attemptIds, earlierAttempts, openSidePanelPage, showPanelTab } from '../harness/side-panel-page.ts'
import { panelList, scrollsSideways } from '../harness/panel-list.ts'
import { DEMO, REPO_ROOT } from '../harness/stack.ts'
import { axeViolations } from '../harness/axe.ts'
import { WAIT } from '../harness/wait.ts'

const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/stripe-panel')
const SCHEMES = ['light', 'dark'] as const
/** The side panel's page size (pages/panel-model.ts PANEL_PAGE_SIZE). */
const PAGE_SIZE = 25
/** The demo's story customer on Stripe (worker/demo-upstream/stripe-seed.ts): verified, needs input, canceled. */
const STORY_REFERENCE = 'demo-customer-4711'
/** The extension's customer reply texts in one language (`reply_<name>`). */
const replyText = async (locale: string, name: string) =>
  (
    JSON.parse(await readFile(join(REPO_ROOT, `extension/public/_locales/${locale}/messages.json`), 'utf8')) as Record<
      string,
      { message: string }
    >
  )[`reply_${name}`]!.message

type DemoSession = { id: string; status: string; client_reference_id: string | null; last_error: { code: string | null } | null }

/** Every session of the demo's Stripe account, newest first, as Stripe lists them (one page of 100). */
async function demoSessions(upstream: string): Promise<DemoSession[]> {
  const res = await fetch(`${upstream}/stripe/v1/identity/verification_sessions?limit=100`, {
    headers: { authorization: `Bearer ${DEMO.stripeKey}` },
  })
  expect(res.status).toBe(200)
  const body = (await res.json()) as { data: DemoSession[]; has_more: boolean }
  expect(body.has_more).toBe(false)
  return body.data
}

const WORDS = {
  en: {
    canceled: 'canceled',
    why: 'The selfie does not match the ID photo',
    checks: ['verified ID document', 'unverified Selfie The selfie does not match the ID photo'],
    requester: /^Not available for Stripe sessions: /,
    attempts: '2 other attempts',
    expired: 'The ID document has expired',
    mode: 'Test mode',
  },
} as const

beforeAll(() => mkdir(ARTIFACTS, { recursive: true }))

describe('Stripe Identity in the side panel (en)', () => {
  const locale = 'en'
  const words = WORDS[locale]
  const pageErrors: string[] = []
  let session: HelpdeskSession
  let all: DemoSession[]
  shareHelpdeskSession((s) => (session = s), { agent: 'stripe-panel' })

  beforeAll(async () => {
    all = await demoSessions(session.stack.upstream.url)
    // More than a page, so the list must page to show them all.
    expect(all.length).toBeGreaterThan(PAGE_SIZE)
    await session.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'])
  })

  it('lists every session page after page with none twice, in one row of tabs, and filters by status', async () => {
    const page = await openSidePanelPage(session.browser, pageErrors)
    await showPanelTab(page, 'stripe')
    const list = panelList(page, 'stripe')
    await expect.poll(list.rowsOrWhy(PAGE_SIZE), WAIT).toBe(PAGE_SIZE)
    // Five tabs and the menu holding Stripe in one row at 400 px (German: german-pass).
    const tops = await page.locator('[role="tablist"] [role="tab"]').evaluateAll((tabs) => tabs.map((t) => t.getBoundingClientRect().top))
    expect(tops).toHaveLength(5)
    expect(new Set(tops).size, 'the tabs are one row').toBe(1)
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      expect.soft(await axeViolations(page), `list ${scheme}`).toEqual([])
      await page.screenshot({ path: join(ARTIFACTS, `list-${locale}-${scheme}.png`) })
    }

    // The next page starts after the last row.
    await list.more()
    await expect.poll(list.rowsOrWhy(all.length), WAIT).toBe(all.length)
    expect(await list.ids()).toEqual(all.map((s) => s.id))
    await page.getByTestId('end-of-list').waitFor(WAIT)
    expect(await scrollsSideways(page), 'nothing scrolls sideways at 400 px').toBe(false)

    // One status: Stripe's `status` filter, every row of it and no other.
    await list.filterStatus('filter-stripe-status', 'canceled')
    const canceled = all.filter((s) => s.status === 'canceled').map((s) => s.id)
    expect(canceled.length).toBeGreaterThan(1)
    await expect.poll(list.ids, WAIT).toEqual(canceled)
    expect(new Set(await list.statuses())).toEqual(new Set([words.canceled]))
    // A canceled row with a reason says it in words.
    expect(await list.reasons()).toBeGreaterThan(0)
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.screenshot({ path: join(ARTIFACTS, `list-canceled-${locale}-${scheme}.png`) })
    }
    expect(pageErrors).toEqual([])
    await page.close()
  })

  it("a canceled session's detail: why in words, its report's checks, no requester check, its other attempts", async () => {
    const story = all.find(
      (s) => s.client_reference_id === STORY_REFERENCE && s.status === 'canceled' && s.last_error?.code === 'selfie_face_mismatch',
    )
    if (!story) throw new Error("the demo's Stripe story changed")
    const page = await openSidePanelPage(session.browser, pageErrors)
    await page.getByTestId('lookup-input').fill(story.id)
    await page.getByTestId('lookup-input').press('Enter')
    const detail = page.locator(`[data-testid="detail"][data-id="${story.id}"]`)

    const why = detail.locator('[data-testid="why-failed-check"]')
    await expect
      .poll(
        () =>
          why
            .locator('[title="selfie_face_mismatch"]')
            .innerText()
            .catch(() => ''),
        WAIT,
      )
      .toBe(words.why)
    expect(await why.getAttribute('data-check')).toBe('selfie')
    expect(await detail.locator('[data-field="fieldStatus"] [data-testid="status"]').innerText()).toBe(words.canceled)
    expect(await detail.locator('[data-field="fieldMode"] dd').innerText()).toBe(words.mode)
    expect(await detail.locator('[data-field="fieldReferenceId"] dd').innerText()).toBe(STORY_REFERENCE)
    const checks = detail.locator('[data-testid="stripe-check"]')
    await expect
      .poll(() => checks.evaluateAll((items) => items.map((li) => (li as HTMLElement).innerText.replace(/\s+/g, ' ').trim())), WAIT)
      .toEqual(words.checks)

    // The requester check: said to be unavailable, with no field to type a person's data into.
    expect(await detail.getByTestId('requester-unavailable').innerText()).toMatch(words.requester)
    expect(await detail.locator('[data-testid="detail-requester"] input').count()).toBe(0)

    // The customer's other sessions (same client_reference_id), this one among them.
    await expect.poll(earlierAttempts(detail), WAIT).toBe(words.attempts)
    const story3 = all.filter((s) => s.client_reference_id === STORY_REFERENCE).map((s) => s.id)
    await expect.poll(attemptIds(detail), WAIT).toEqual(story3)

    // Copy, watch, the dashboard; the reply of a canceled session asks for a new verification and names its selfie mismatch.
    expect(await detail.getByTestId('detail-open-vendor').getAttribute('href')).toBe(
      `https://dashboard.stripe.com/test/identity/verification-sessions/${story.id}`,
    )
    expect(await detail.getByTestId('detail-copy').count()).toBe(1)
    expect(await detail.getByTestId('watch-toggle').count()).toBe(1)

    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      // At the top: the section screenshots scroll, and a target under the sticky bar reads as too small.
      await page.evaluate(() => window.scrollTo(0, 0))
      expect.soft(await axeViolations(page), `detail ${scheme}`).toEqual([])
      await page.screenshot({ path: join(ARTIFACTS, `detail-${locale}-${scheme}.png`) })
      await detail.getByTestId('detail-requester').screenshot({ path: join(ARTIFACTS, `detail-requester-${locale}-${scheme}.png`) })
      await detail.getByTestId('detail-history').screenshot({ path: join(ARTIFACTS, `detail-history-${locale}-${scheme}.png`) })
    }
    expect(await scrollsSideways(page), 'nothing scrolls sideways at 400 px').toBe(false)
    await detail.getByTestId('copy-summary-text').click()
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()), WAIT)
      .toBe(`${await replyText(locale, 'canceled')}\n\n${await replyText(locale, 'selfie_match')}`)

    // The report opens from the session, and leads back to it.
    await detail.locator('[data-field="fieldReport"] button').click()
    const report = page.locator('[data-testid="detail"][data-kind="stripe-verification-report"]')
    await expect.poll(() => report.locator('[data-testid="stripe-check"]').count(), WAIT).toBe(2)
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({ path: join(ARTIFACTS, `report-${locale}-${scheme}.png`) })
    }
    await report.locator('[data-field="fieldSession"] button').click()
    await page.locator(`[data-testid="detail"][data-id="${story.id}"]`).waitFor(WAIT)

    // The attempt that needs the person again: its reason, and the reply that answers Stripe's code.
    const open = all.find((s) => s.client_reference_id === STORY_REFERENCE && s.status === 'requires_input')!
    await detail.locator(`[data-testid="history-attempt"][data-id="${open.id}"] button`).click()
    const needsInput = page.locator(`[data-testid="detail"][data-id="${open.id}"]`)
    await expect
      .poll(
        () =>
          needsInput
            .locator('[data-testid="why-failed-check"] [title="document_expired"]')
            .innerText()
            .catch(() => ''),
        WAIT,
      )
      .toBe(words.expired)
    await needsInput.getByTestId('copy-summary-text').click()
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), WAIT).toBe(await replyText(locale, 'id_expired'))
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
