/**
 * Sumsub in the side panel, real Chromium (a relay of its own with `sumsub-link` on and a requester
 * match required), English and German: Mara's RETRY shows why in words, the reject type, Sumsub's
 * note for her, and a reply that asks for another try; her email matches and a new link comes back
 * in the reply only. Erik's FINAL offers no link and a reply that never coaches. On a helpdesk
 * ticket her bare applicant ID is marked and its card says whose it is. Light and dark, axe on the panel;
 * screenshots: test/artifacts/sumsub/.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startHelpdeskServer, type HelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import { axeViolations } from '../harness/axe.ts'
import type { ExtensionBrowser } from '../harness/browser.ts'
import { attachContentUi } from '../harness/content-ui.ts'
import { browserOnStack } from '../harness/helpdesk-session.ts'
import { openSidePanelPage, shootLightAndDark } from '../harness/side-panel-page.ts'
import { DEV_AGENT_TOKENS, REPO_ROOT, startStack, type Stack } from '../harness/stack.ts'
import { textSpot } from '../harness/text-spot.ts'
import { WAIT } from '../harness/wait.ts'

/** The demo's Sumsub story (worker/demo-upstream/sumsub/sumsub-seed.ts). */
const MARA = { id: '65a1f0c2e4b0a1b2c3d4e504', email: 'mara.sentinel7q@example.com' }
const ERIK = '65a1f0c2e4b0a1b2c3d4e505'
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/sumsub')
const TICKET = '/agent/tickets/7415'
const ticket = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket 7415</title></head>
<body style="font: 13px/1.6 system-ui, sans-serif; margin: 24px"><main><h1>Ticket 7415: verification rejected</h1>
<p>Customer: it said rejected, my applicant was <span id="applicant">${MARA.id}</span>.</p></main></body></html>`

const CASES = [
  {
    locale: 'en',
    kind: 'Sumsub applicant',
    rejected: 'RED (rejected)',
    why: 'Sumsub rejected what was sent; the person may try again',
    type: 'RETRY: the person may resubmit',
    retry: /photo/i,
    notVerified: /could not verify|not able to verify/i,
  },
  {
    locale: 'de',
    kind: 'Sumsub-Antragsteller',
    rejected: 'RED (abgelehnt)',
    why: 'Sumsub hat das Eingereichte abgelehnt; die Person darf es erneut versuchen',
    type: 'RETRY: die Person darf erneut einreichen',
    retry: /Foto/i,
    notVerified: /nicht (bestätigen|verifizieren)/i,
  },
] as const

const words = (text: string) => text.replace(/[\s\u202f\u00a0]+/g, ' ').trim()
const SCHEMES = ['light', 'dark'] as const

/** For each scheme's shot: the page passes axe. */
const axeClean = (page: Page, name: string) => async (scheme: string) =>
  void expect.soft(await axeViolations(page), `${name} ${scheme}`).toEqual([])

// One relay for both languages: a Sumsub link changes nothing at the (demo) vendor.
let stack: Stack
beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true })
  stack = await startStack({ agentTokens: DEV_AGENT_TOKENS, vars: { ACTIONS: 'sumsub-link' } })
})
afterAll(async () => {
  await stack?.stop()
})

describe.each(CASES)('Sumsub in the side panel ($locale)', ({ locale, kind, rejected, why, type, retry, notVerified }) => {
  let browser: ExtensionBrowser
  let server: HelpdeskServer
  const pageErrors: string[] = []

  beforeAll(async () => {
    server = await startHelpdeskServer({ pages: { [TICKET]: ticket } })
    browser = await browserOnStack(stack, { locale: locale === 'en' ? undefined : locale, hostResolverRules: server.hostResolverRules })
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'])
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  const open = async (id: string) => {
    const page = await openSidePanelPage(browser, pageErrors)
    await page.getByTestId('lookup-input').fill(id)
    await page.getByTestId('lookup-input').press('Enter')
    const detail = page.locator(`[data-testid="detail"][data-id="${id}"]`)
    await detail.getByTestId('why-failed').waitFor(WAIT)
    return { page, detail }
  }
  const copiedReply = async (page: Awaited<ReturnType<typeof open>>['page'], detail: Awaited<ReturnType<typeof open>>['detail']) => {
    await detail.getByTestId('copy-summary-text').click()
    let text = ''
    await expect.poll(async () => (text = await page.evaluate(() => navigator.clipboard.readText())), WAIT).not.toBe('')
    return text
  }

  it('shows a RETRY in words, asks for another try, and makes a new link after the requester matched', async () => {
    const { page, detail } = await open(MARA.id)
    expect(words(await detail.getByTestId('why-failed').innerText())).toContain(why)
    expect(words(await detail.innerText())).toContain(type)
    expect(await detail.getByTestId('sumsub-moderation-comment').innerText()).toContain('original document')
    const reply = await copiedReply(page, detail)
    expect(reply).toMatch(retry)
    expect(reply).not.toMatch(/UNSATISFACTORY|SCREENSHOTS|sentinel/i)
    await shootLightAndDark(page, detail, join(ARTIFACTS, `retry-${locale}`), axeClean(page, 'retry'))

    await detail.getByTestId('action-link').click()
    const step = detail.getByTestId('link-step')
    await expect.poll(() => step.getAttribute('data-step'), WAIT).toBe('requester-first')
    await detail.getByTestId('link-check-requester').click()
    const answer = detail.getByTestId('requester-answer')
    await detail.getByTestId('requester-input').fill(MARA.email.toUpperCase())
    await detail.getByTestId('requester-submit').click()
    await expect.poll(() => answer.getAttribute('data-result'), WAIT).toBe('match')
    await expect.poll(() => step.getAttribute('data-step'), WAIT).toBe('confirm')
    expect(words(await detail.getByTestId('link-confirm-text').innerText())).toContain(MARA.id)
    await detail.getByTestId('link-confirm').click()
    const linkReply = detail.getByTestId('link-reply')
    await linkReply.waitFor(WAIT)
    expect(await linkReply.inputValue()).toMatch(/https:\/\/in\.sumsub\.com\/websdk\/p\/sbx_\S+/)
    await shootLightAndDark(page, step, join(ARTIFACTS, `link-${locale}`), axeClean(page, 'link'))
    expect(pageErrors).toEqual([])
    await page.close()
  })

  it('offers no new link after FINAL, and its reply never coaches', async () => {
    const { page, detail } = await open(ERIK)
    expect(words(await detail.getByTestId('why-failed').innerText())).not.toContain(why)
    expect(await detail.getByTestId('action-link').count()).toBe(0)
    const reply = await copiedReply(page, detail)
    expect(reply).toMatch(notVerified)
    expect(reply).not.toMatch(retry)
    await shootLightAndDark(page, detail, join(ARTIFACTS, `final-${locale}`), axeClean(page, 'final'))
    expect(pageErrors).toEqual([])
    await page.close()
  })

  it('marks her bare applicant ID on a helpdesk ticket; its card names Sumsub, the status and reference', async () => {
    const page = await browser.context.newPage()
    const ui = await attachContentUi(page)
    await page.goto(server.url('acme.zendesk.com', TICKET))
    await expect.poll(async () => (await ui.markBoxes()).length, WAIT).toBe(1)
    const card = `[data-testid="card"][data-id="${MARA.id}"]`
    await ui.hover(() => textSpot(page, MARA.id))
    await ui.waitFor(`${card} [data-testid="sumsub-reference"]`)
    expect((await ui.find(`${card} .card-kind`))?.text).toBe(kind)
    expect(words((await ui.find(`${card} [data-testid="status"]`))?.text ?? '')).toBe(rejected)
    expect((await ui.find(`${card} [data-testid="sumsub-reference"]`))?.text).toContain('demo-user-mara')
    expect((await ui.find(`${card} [data-testid="sumsub-reject-type"]`))?.text).toContain('RETRY')
    const box = (await ui.find(card))!.box
    // The ticket says nothing of its scheme: the card follows the system's (page-theme.e2e.test.ts).
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme })
      await page.screenshot({
        path: join(ARTIFACTS, `card-${locale}-${colorScheme}.png`),
        clip: { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8), width: box.width + 16, height: box.height + 16 },
      })
    }
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
