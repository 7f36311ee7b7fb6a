/**
 * The demo as `npm run dev` sets it up (issue 58): its agent (an email) and every action on, the
 * development build with no browser policy. "Assign to me" succeeds and names the demo agent, and
 * the tags the development build suggests can be added, in real Chromium.
 * Screenshots: test/artifacts/demo-actions/.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { ACTION_NAMES } from '@idv-lens/shared/api'
import type { ExtensionBrowser } from '../harness/browser.ts'
import { startStackAndBrowser } from '../harness/helpdesk-session.ts'
import { openDetail, openSidePanelPage, shootLightAndDark } from '../harness/side-panel-page.ts'
import { DEMO, DEV_AGENT_TOKENS, REPO_ROOT, type Stack } from '../harness/stack.ts'
import { WAIT } from '../harness/wait.ts'

// The demo upstream's story (worker/demo-upstream/persona-story.ts): a failed inquiry with an open case.
const STORY_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const STORY_CASE = 'case_Kc4Wq9Nx2Lt7Hv3Db8Rm6PsY'
/** extension/.env.development's WXT_DEFAULT_INQUIRY_TAGS. */
const DEV_TAGS = ['vip', 'resent-link', 'fraud-review']
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/demo-actions')
const ASSIGNED = { en: 'The case is assigned to you.' } as const

const shoot = (page: Page, target: Locator, name: string) => shootLightAndDark(page, target, join(ARTIFACTS, name))

describe('the demo configuration (en)', () => {
  const locale = 'en'
  let stack: Stack
  let browser: ExtensionBrowser
  const pageErrors: string[] = []

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true })
    ;({ stack, browser } = await startStackAndBrowser({ agentTokens: DEV_AGENT_TOKENS, vars: { ACTIONS: ACTION_NAMES.join(',') } }))
  })

  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  it('adds and removes a tag the development build suggests, with no browser policy', async () => {
    const page = await openSidePanelPage(browser, pageErrors)
    const detail = await openDetail(page, STORY_INQUIRY, { settled: true })
    const vip = detail.locator('[data-testid="tag-toggle"][data-tag="vip"]')
    await vip.waitFor(WAIT)
    expect(await detail.locator('[data-testid="tag-toggle"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-tag')))).toEqual(
      DEV_TAGS,
    )
    expect(await detail.getByTestId('tags-none').count()).toBe(0)
    // The toggle's state, or the words of an error the actions show instead (a failure then names it).
    const vipState = () =>
      detail
        .getByTestId('detail-actions')
        .evaluate(
          (el) => el.querySelector('[role="alert"]')?.textContent ?? el.querySelector('[data-tag="vip"]')?.getAttribute('aria-pressed'),
        )
    await vip.click()
    await expect.poll(vipState, WAIT).toBe('true')
    await expect
      .poll(
        () =>
          detail
            .locator('[data-field="fieldTags"]')
            .innerText()
            .catch(() => ''),
        WAIT,
      )
      .toContain('vip')
    await shoot(page, detail.getByTestId('detail-actions'), `demo-tags-${locale}`)
    await vip.click()
    await expect.poll(() => vip.getAttribute('aria-pressed'), WAIT).toBe('false')
    expect(pageErrors).toEqual([])
    await page.close()
  })

  it('assigns the case to the demo agent with "Assign to me"', async () => {
    const page = await openSidePanelPage(browser, pageErrors)
    const detail = await openDetail(page, STORY_INQUIRY, { settled: true })
    const theCase = detail.locator(`[data-testid="case"][data-id="${STORY_CASE}"]`)
    await theCase.getByTestId('action-assign').waitFor(WAIT)
    await theCase.getByTestId('action-assign').click()
    await expect
      .poll(
        () =>
          theCase
            .locator('[data-field="fieldAssignee"]')
            .innerText()
            .catch(() => ''),
        WAIT,
      )
      .toContain(DEMO.devAgentName)
    expect(await theCase.getByTestId('case-action-done').innerText()).toBe(ASSIGNED[locale])
    await shoot(page, theCase, `demo-assigned-${locale}`)
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
