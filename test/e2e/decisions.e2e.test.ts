/**
 * Reviewer decisions and "Cases assigned to me" (issue 75 item 6), real Chromium, en and de: a reviewer
 * (the demo's kim.reviewer@acme.example, who has cases assigned in the seeded data) opens the My cases
 * tab, opens a case's inquiry from it, approves the inquiry through its confirm step, and the detail
 * shows it approved. Screenshots: test/artifacts/decisions/.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import type { PersonaCase, PersonaInquiry, PersonaList, PersonaSingle } from '@idv-lens/shared/api'
import type { ExtensionBrowser } from '../harness/browser.ts'
import { browserOnStack } from '../harness/helpdesk-session.ts'
import { openSidePanelPage, shootLightAndDark } from '../harness/side-panel-page.ts'
import { DEMO, REPO_ROOT, startStack, type Stack } from '../harness/stack.ts'
import { WAIT } from '../harness/wait.ts'

const REVIEWER = 'kim.reviewer@acme.example'
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/decisions')
const WORDS = {
  en: {
    tab: 'My cases',
    approve: 'Approve',
    approved: 'approved',
    confirm: (id: string) => `Approve inquiry ${id}? Persona runs its workflows and webhooks, and the inquiry takes no further steps.`,
  },
  de: {
    tab: 'Meine Fälle',
    approve: 'Freigeben',
    approved: 'genehmigt',
    confirm: (id: string) =>
      `Anfrage ${id} freigeben? Persona führt ihre Workflows und Webhooks aus, und die Anfrage nimmt keine weiteren Schritte an.`,
  },
} as const

const shoot = (page: Page, target: Locator, name: string) => shootLightAndDark(page, target, join(ARTIFACTS, name))

/** The panel's viewport (its tabs and the top of the list), light and dark. */
async function shootPanel(page: Page, name: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${colorScheme}.png`) })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

/** The reviewer's cases as the relay lists them, and the first whose inquiry is not approved yet. */
async function casesAndOneToApprove(stack: Stack): Promise<{ cases: PersonaCase[]; inquiry: string }> {
  const auth = { headers: { authorization: `Bearer ${DEMO.agentToken}` } }
  const cases = ((await (await fetch(`${stack.relay.url}/v1/persona/my-cases`, auth)).json()) as PersonaList<PersonaCase>).data
  for (const item of cases) {
    const id = (item as { relationships?: { inquiries?: { data?: { id: string }[] } } }).relationships?.inquiries?.data?.[0]?.id
    if (!id) continue
    const inquiry = (await (await fetch(`${stack.relay.url}/v1/persona/inquiries/${id}`, auth)).json()) as PersonaSingle<PersonaInquiry>
    if (inquiry.data.attributes?.status !== 'approved') return { cases, inquiry: id }
  }
  throw new Error('no assigned case with an inquiry left to approve')
}

// One relay for both languages: each approves an inquiry the other has not (casesAndOneToApprove).
let stack: Stack
beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true })
  stack = await startStack({
    agentTokens: `${REVIEWER}:${DEMO.agentToken}:reviewer`,
    vars: { ACTIONS: 'inquiry-approve,inquiry-decline,inquiry-review' },
  })
})
afterAll(async () => {
  await stack?.stop()
})

describe.each(['en', 'de'] as const)('a reviewer decides from the side panel (%s)', (locale) => {
  const words = WORDS[locale]
  let browser: ExtensionBrowser
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await browserOnStack(stack, { locale: locale === 'en' ? undefined : locale })
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('lists the cases assigned to me, opens one, and approves its inquiry after the confirm', async () => {
    const { cases, inquiry } = await casesAndOneToApprove(stack)
    expect(cases.length).toBeGreaterThan(0)
    expect(cases.every((k) => k.attributes?.['assignee-id'] === REVIEWER)).toBe(true)
    const page = await openSidePanelPage(browser, pageErrors)
    const tab = page.getByTestId('tab-myCases')
    await tab.waitFor(WAIT)
    expect(await tab.innerText()).toContain(words.tab)
    await tab.click()
    const list = page.locator('[data-testid="list"][data-kind="myCases"][aria-busy="false"]')
    const rows = list.getByTestId('my-case')
    await expect.poll(() => rows.count(), WAIT).toBe(cases.length)
    expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-id')))).toEqual(cases.map((k) => k.id))
    await shootPanel(page, `my-cases-${locale}`)

    const row = list
      .locator('[data-testid="my-case"]')
      .filter({ has: page.locator(`code:text-is("${inquiry}")`) })
      .first()
    await row.getByTestId('row-open').click()
    const detail = page.locator(`[data-testid="detail"][data-id="${inquiry}"][aria-busy="false"]`)
    await detail.waitFor(WAIT)
    const approve = detail.getByTestId('action-inquiry-approve')
    await approve.waitFor(WAIT)
    expect(await approve.innerText()).toBe(words.approve)
    await approve.click()
    const step = detail.getByTestId('decision-step')
    expect(await step.getByTestId('decision-confirm-text').innerText()).toBe(words.confirm(inquiry))
    await step.getByTestId('decision-comment').fill('ID checked by hand')
    await shoot(page, step, `approve-confirm-${locale}`)
    await step.getByTestId('decision-confirm').click()
    const status = () =>
      detail
        .getByTestId('detail-summary')
        .locator('[data-field="fieldStatus"]')
        .first()
        .innerText()
        .catch(() => '')
    await expect.poll(status, WAIT).toContain(words.approved)
    // Approved: approve and mark-for-review are no longer offered, decline still is.
    await expect.poll(() => detail.getByTestId('action-inquiry-approve').count(), WAIT).toBe(0)
    expect(await detail.getByTestId('action-inquiry-review').count()).toBe(0)
    await shoot(page, detail.getByTestId('detail-summary'), `approved-${locale}`)
    const upstream = (await (
      await fetch(`${stack.upstream.personaBase}/inquiries/${inquiry}`, { headers: { authorization: 'Bearer persona_demo_e2e_oracle' } })
    ).json()) as PersonaSingle<PersonaInquiry>
    expect(upstream.data.attributes?.status).toBe('approved')
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
