/**
 * A new link's expiry in words a customer reads (issues 58 and 75), real Chromium (development build,
 * the demo's relay with every action on), en and de, in a zone that is neither UTC nor the machine's:
 * the confirm step and the reply on the clipboard say how long the link is valid ("valid for 24
 * hours"), never a clock time in the agent's zone.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExtensionBrowser } from '../harness/browser.ts'
import { browserOnStack, shareDemoStack } from '../harness/helpdesk-session.ts'
import { openSidePanelPage } from '../harness/side-panel-page.ts'
import { REPO_ROOT, type Stack } from '../harness/stack.ts'
import { WAIT } from '../harness/wait.ts'

// The demo upstream's story (worker/demo-upstream/persona-story.ts): a failed inquiry; its requester.
const STORY_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const EMAIL = 'dana.customer@example.com'
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/link-expiry')

const CASES = [
  { locale: 'en', zone: 'Asia/Kolkata', confirm: 'It works once and is valid for 24 hours.', valid: 'The link is valid for 24 hours.' },
  {
    locale: 'de',
    zone: 'America/Los_Angeles',
    confirm: 'Er funktioniert einmal und ist 24 Stunden lang gültig.',
    valid: 'Der Link ist 24 Stunden lang gültig.',
  },
] as const

/** A time of day as any locale writes it (7:14, 07:14, 19.14 Uhr). */
const CLOCK = /\d{1,2}[:.]\d{2}/

// One relay for both languages: each makes a link of its own for the story's inquiry.
let stack: Stack
shareDemoStack((started) => (stack = started), ARTIFACTS)

describe.each(CASES)('the link expiry in the confirm and the reply ($locale, $zone)', ({ locale, zone, confirm, valid }) => {
  let browser: ExtensionBrowser
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await browserOnStack(stack, { locale: locale === 'en' ? undefined : locale, timezoneId: zone })
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'])
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('should say how long the link is valid, and no clock time, in the confirm and the copied reply', async () => {
    const page = await openSidePanelPage(browser, pageErrors)
    await page.getByTestId('lookup-input').fill(STORY_INQUIRY)
    await page.getByTestId('lookup-input').press('Enter')
    const detail = page.locator(`[data-testid="detail"][data-id="${STORY_INQUIRY}"]`)
    const step = detail.getByTestId('link-step')
    await detail.getByTestId('action-link').waitFor(WAIT)
    await detail.getByTestId('action-link').click()
    await expect.poll(() => step.getAttribute('data-step'), WAIT).toMatch(/^(confirm|requester-first)$/)
    if ((await step.getAttribute('data-step')) === 'requester-first') {
      await detail.getByTestId('link-check-requester').click()
      await detail.getByTestId('requester-input').fill(EMAIL)
      await detail.getByTestId('requester-input').press('Enter')
      await expect.poll(() => step.getAttribute('data-step'), WAIT).toBe('confirm')
    }
    const confirmText = await detail.getByTestId('link-confirm-text').innerText()
    expect(confirmText.endsWith(confirm), confirmText).toBe(true)
    expect(confirmText).not.toMatch(CLOCK)
    await step.screenshot({ path: join(ARTIFACTS, `link-confirm-${locale}.png`) })

    await detail.getByTestId('link-confirm').click()
    const reply = detail.getByTestId('link-reply')
    await reply.waitFor(WAIT)
    const shown = await reply.inputValue()
    expect(shown.endsWith(`\n\n${valid}`), shown).toBe(true)
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), WAIT).toBe(shown)
    // The expiry is the reply's last line: scrolled into view for the screenshot.
    await reply.evaluate((el) => (el.scrollTop = el.scrollHeight))
    await step.screenshot({ path: join(ARTIFACTS, `link-reply-${locale}.png`) })
    await detail.getByTestId('link-done').click()
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
