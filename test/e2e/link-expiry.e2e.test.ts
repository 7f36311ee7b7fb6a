/**
 * A new link's expiry in words a customer reads (issue 58), real Chromium (development build, the
 * demo's relay with every action on), en and de, in a zone that is neither UTC nor the machine's:
 * the confirm step and the reply on the clipboard say "valid for 24 hours" and name the same
 * instant, in the browser's zone with its name and without seconds. Expected dates come from Node's
 * Intl (ICU, as in Chromium) for the instants the test brackets.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACTION_NAMES } from '@idv-lens/shared/api'
import type { ExtensionBrowser } from '../harness/browser.ts'
import { startStackAndBrowser } from '../harness/helpdesk-session.ts'
import { openSidePanelPage } from '../harness/side-panel-page.ts'
import { DEV_AGENT_TOKENS, REPO_ROOT, type Stack } from '../harness/stack.ts'
import { WAIT } from '../harness/wait.ts'

// The demo upstream's story (worker/demo-upstream/persona-story.ts): a failed inquiry; its requester.
const STORY_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const EMAIL = 'dana.customer@example.com'
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/link-expiry')
const DAY_MS = 86_400_000

const CASES = [
  { locale: 'en', zone: 'Asia/Kolkata', lasts: 'for 24 hours, until ', valid: 'valid for 24 hours, until ' },
  { locale: 'de', zone: 'America/Los_Angeles', lasts: '24 Stunden lang, bis ', valid: 'ist 24 Stunden lang gültig, bis ' },
] as const

/** Chromium and Node write the same ICU spaces differently in places (U+202F before "PM"): compare words. */
const words = (text: string) => text.replace(/[\s\u202f\u00a0]+/g, ' ').trim()

describe.each(CASES)('the link expiry in the confirm and the reply ($locale, $zone)', ({ locale, zone, lasts, valid }) => {
  let stack: Stack
  let browser: ExtensionBrowser
  const pageErrors: string[] = []

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true })
    ;({ stack, browser } = await startStackAndBrowser({ agentTokens: DEV_AGENT_TOKENS, vars: { ACTIONS: ACTION_NAMES.join(',') } }, { locale: locale === 'en' ? undefined : locale, timezoneId: zone }))
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'])
  })

  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  it("should name one instant, in the agent's zone with its name and no seconds, in the confirm and the copied reply", async () => {
    const page = await openSidePanelPage(browser, pageErrors)
    await page.getByTestId('lookup-input').fill(STORY_INQUIRY)
    await page.getByTestId('lookup-input').press('Enter')
    const detail = page.locator(`[data-testid="detail"][data-id="${STORY_INQUIRY}"]`)
    const step = detail.getByTestId('link-step')
    await detail.getByTestId('action-link').waitFor(WAIT)
    const before = Date.now()
    await detail.getByTestId('action-link').click()
    await expect.poll(() => step.getAttribute('data-step'), WAIT).toMatch(/^(confirm|requester-first)$/)
    if ((await step.getAttribute('data-step')) === 'requester-first') {
      await detail.getByTestId('link-check-requester').click()
      await detail.getByTestId('requester-input').fill(EMAIL)
      await detail.getByTestId('requester-input').press('Enter')
      await expect.poll(() => step.getAttribute('data-step'), WAIT).toBe('confirm')
    }
    const after = Date.now()
    // The instants the step may have fixed, as the agent's zone writes them (one, or two across a minute).
    const date = new Intl.DateTimeFormat(locale, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'long', timeZone: zone })
    const possible = new Set([before, after].map((at) => words(date.format(at + DAY_MS))))

    const confirmText = words(await detail.getByTestId('link-confirm-text').innerText())
    const until = /\S+ .*$/.exec(confirmText.split(lasts)[1] ?? '')?.[0].replace(/\.$/, '') ?? ''
    expect([...possible]).toContain(until)
    expect(until).not.toMatch(/\d:\d\d:\d\d/)
    await step.screenshot({ path: join(ARTIFACTS, `link-confirm-${locale}.png`) })

    await detail.getByTestId('link-confirm').click()
    const reply = detail.getByTestId('link-reply')
    await reply.waitFor(WAIT)
    const shown = await reply.inputValue()
    expect(words(shown)).toContain(`${valid}${until}.`)
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), WAIT).toBe(shown)
    // The expiry is the reply's last line: scrolled into view for the screenshot.
    await reply.evaluate((el) => (el.scrollTop = el.scrollHeight))
    await step.screenshot({ path: join(ARTIFACTS, `link-reply-${locale}.png`) })
    await detail.getByTestId('link-done').click()
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
