/**
 * A new link for an Onfido run, end to end (issue 59, item 7), real Chromium (development build, a
 * relay of its own with `onfido-link` on and a requester match required): the link asks for
 * the requester first; another email is no match and makes nothing; the applicant's email leads to the
 * confirm (the run, the expiry in words), the reply with the new run's link on the clipboard, and the
 * new run in the applicant's history. No storage keeps the link. An approved run offers no button.
 * Screenshots: test/artifacts/onfido-link/.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExtensionBrowser } from '../harness/browser.ts'
import { browserOnStack } from '../harness/helpdesk-session.ts'
import { openSidePanelPage } from '../harness/side-panel-page.ts'
import { DEMO, DEV_AGENT_TOKENS, REPO_ROOT, startStack, type Stack } from '../harness/stack.ts'
import { WAIT } from '../harness/wait.ts'

/** The extension API read in the service worker (run there; typed here for the checker). */
declare const chrome: { storage: { local: { get(): Promise<object> }; session: { get(): Promise<object> } } }

/** The demo story's customer on Onfido (worker/demo-upstream/onfido-seed.ts ONFIDO_STORY). */
const STORY = { applicantId: '3b9f6c2e-8a41-4d7e-b2c5-9e0a1f6d4c83', declined: 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46' }
const ORACLE = { authorization: 'Token token=onfido_demo_onfido_link_e2e_oracle' }
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/onfido-link')

const CASES = [
  {
    locale: 'en',
    noMatch: 'No match: this is not the email used to verify.',
    confirm: `Make a new Onfido workflow run with a link for the applicant of run ${STORY.declined}? The link is valid for 24 hours.`,
    valid: 'The link is valid for 24 hours.',
  },
] as const

const words = (text: string) => text.replace(/[\s\u202f\u00a0]+/g, ' ').trim()

// One relay for both languages: each counts the runs it made against the history it read first.
let stack: Stack
beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true })
  stack = await startStack({ agentTokens: DEV_AGENT_TOKENS, vars: { ACTIONS: 'onfido-link' } })
})
afterAll(async () => {
  await stack?.stop()
})

describe.each(CASES)('a new link for an Onfido run ($locale)', ({ locale, noMatch, confirm, valid }) => {
  let browser: ExtensionBrowser
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await browserOnStack(stack, { locale: locale === 'en' ? undefined : locale })
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'])
  })

  afterAll(async () => {
    await browser?.close()
  })

  const history = async () => {
    const res = await fetch(`${stack.relay.url}/v1/history?reference-id=${STORY.applicantId}`, {
      headers: { authorization: `Bearer ${DEMO.agentToken}`, 'cache-control': 'no-cache' },
    })
    return ((await res.json()) as { data: { id: string }[] }).data.map((a) => a.id)
  }

  it("makes a new run from the declined run's detail after the applicant's email matched: the expiry in words, the link in the copied reply only", async () => {
    const before = await history()
    expect(before).toContain(STORY.declined)
    const page = await openSidePanelPage(browser, pageErrors)
    await page.getByTestId('lookup-input').fill(STORY.declined)
    await page.getByTestId('lookup-input').press('Enter')
    const detail = page.locator(`[data-testid="detail"][data-id="${STORY.declined}"]`)
    await detail.getByTestId('action-link').waitFor(WAIT)
    await detail.getByTestId('action-link').click()
    const step = detail.getByTestId('link-step')
    await expect.poll(() => step.getAttribute('data-step'), WAIT).toBe('requester-first')
    await detail.getByTestId('link-check-requester').click()

    // Another email: no match, said in words, and the link step still waits; nothing is made.
    const answer = detail.getByTestId('requester-answer')
    await detail.getByTestId('requester-input').fill('someone.else@example.com')
    await detail.getByTestId('requester-submit').click()
    await expect.poll(() => answer.getAttribute('data-result'), WAIT).toBe('no-match')
    expect(words(await detail.getByTestId('requester-result').innerText())).toBe(noMatch)
    expect(await step.getAttribute('data-step')).toBe('requester-first')
    expect(await detail.getByTestId('link-confirm').count()).toBe(0)
    await step.screenshot({ path: join(ARTIFACTS, `requester-first-${locale}.png`) })
    await detail.getByTestId('detail-requester').screenshot({ path: join(ARTIFACTS, `no-match-${locale}.png`) })
    expect(await history()).toEqual(before)

    // The applicant's own email (as typed on a ticket): a match, and on to the confirm.
    await detail.getByTestId('requester-input').fill('Dana.Customer@example.com')
    await detail.getByTestId('requester-submit').click()
    await expect.poll(() => answer.getAttribute('data-result'), WAIT).toBe('match')
    await expect.poll(() => step.getAttribute('data-step'), WAIT).toBe('confirm')
    const confirmText = words(await detail.getByTestId('link-confirm-text').innerText())
    expect(confirmText).toBe(words(confirm))
    await step.screenshot({ path: join(ARTIFACTS, `confirm-${locale}.png`) })

    await detail.getByTestId('link-confirm').click()
    const reply = detail.getByTestId('link-reply')
    await reply.waitFor(WAIT)
    const shown = await reply.inputValue()
    const link = /https:\/\/eu\.onfido\.app\/l\/\w{22}/.exec(shown)?.[0]
    expect(link, shown).toBeDefined()
    expect(shown.endsWith(`\n\n${valid}`), shown).toBe(true)
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), WAIT).toBe(shown)
    await reply.evaluate((el) => (el.scrollTop = el.scrollHeight))
    await step.screenshot({ path: join(ARTIFACTS, `reply-${locale}.png`) })

    // The new run is Onfido's: one more run for the applicant, whose link is the one in the reply.
    const after = await history()
    const made = after.filter((id) => !before.includes(id))
    expect(made).toHaveLength(1)
    // Read as the relay's own token reads Onfido (the demo keeps made runs per token): its link is the reply's.
    const run = (await (
      await fetch(`${stack.upstream.url}/onfido/v3.6/workflow_runs/${made[0]}`, {
        headers: { authorization: `Token token=${DEMO.onfidoToken}` },
      })
    ).json()) as { link: { url: string }; applicant_id: string }
    expect(run).toMatchObject({ applicant_id: STORY.applicantId, link: { url: link } })

    // Nothing the extension keeps holds it.
    const stored = await browser.background.evaluate(async () =>
      JSON.stringify([await chrome.storage.local.get(), await chrome.storage.session.get()]),
    )
    expect(stored).not.toContain(link!)
    await detail.getByTestId('link-done').click()
    await expect.poll(() => step.count(), WAIT).toBe(0)
    expect(pageErrors).toEqual([])
    await page.close()
  })

  it('offers no new link on an approved run', async () => {
    const approved = (
      (await (await fetch(`${stack.upstream.url}/onfido/v3.6/workflow_runs?status=approved`, { headers: ORACLE })).json()) as {
        id: string
      }[]
    )[0]!.id
    const page = await openSidePanelPage(browser, pageErrors)
    await page.getByTestId('lookup-input').fill(approved)
    await page.getByTestId('lookup-input').press('Enter')
    const detail = page.locator(`[data-testid="detail"][data-id="${approved}"]`)
    await expect.poll(() => detail.locator('[data-field="fieldStatus"] [data-testid="status"]').count(), WAIT).toBe(1)
    // The same view of the declined run offered it above: here the agent info has answered too.
    await expect.poll(() => detail.getByTestId('detail-reports').count(), WAIT).toBe(1)
    expect(await detail.getByTestId('action-link').count()).toBe(0)
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
