/**
 * A new link's reply goes into the ticket's reply box (issue 75), in real Chromium (built extension,
 * relay under wrangler dev with the link action on, demo upstream), en and de. Each workspace's ticket
 * fixture (test/fixtures/workspaces/*-requester.html) has its composer where that workspace has it:
 * the reply lands there through the editor's input events, at the agent's click only, the rest of the
 * page untouched and the clipboard left alone. With no reply box (closed, or no ticket shows the ID)
 * the reply goes on the clipboard and the panel says so. Screenshots: test/artifacts/reply-composer/.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { attachContentUi } from '../harness/content-ui.ts'
import { openDetail, openSidePanelPage, shootLightAndDark } from '../harness/side-panel-page.ts'
import { DEMO, DEV_AGENT_TOKENS, REPO_ROOT, startStack, type Stack } from '../harness/stack.ts'
import { textSpot } from '../harness/text-spot.ts'
import { shareWorkspaceSession, type WorkspaceSession } from '../harness/workspace-session.ts'
import type { WorkspaceHost } from '../fixtures/workspaces/serve.ts'
import { WAIT } from '../harness/wait.ts'

const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/reply-composer')
/** The story's failed inquiry (worker/demo-upstream/persona-story.ts); an expired one is looked up per relay. */
const STORY_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
/** The demo relay's links (worker/demo-upstream): one a click. */
const LINK = /https?:\/\/\S+\/persona\/verify\?code=\S+/

type Workspace = { name: string; host: WorkspaceHost; path: string; composer: string }
const ZENDESK: Workspace = {
  name: 'Zendesk',
  host: 'acme.zendesk.com',
  path: '/agent/tickets/12',
  composer: '[data-test-id="omnicomposer-rich-text-ckeditor"]',
}
const WORKSPACES: Workspace[] = [
  ZENDESK,
  { name: 'Freshdesk', host: 'acme.freshdesk.com', path: '/a/tickets/12', composer: '.fr-element' },
  { name: 'Help Scout', host: 'secure.helpscout.net', path: '/conversation/12/3', composer: '[data-cy="ReplyEditor"] [contenteditable]' },
  {
    name: 'Intercom',
    host: 'app.intercom.com',
    path: '/a/inbox/acme/inbox/conversation/12',
    composer: '[data-testid="conversation-composer"] .ProseMirror',
  },
  { name: 'Front', host: 'app.frontapp.com', path: '/open/cnv_12', composer: '[data-testid="composer-body"] .ProseMirror' },
]

const WORDS = {
  en: {
    inserted: "The reply with the new link is in the ticket's reply box: read it over, then send it.",
    clipboard: 'No reply box found in the ticket, so the reply with the new link is on the clipboard: paste it into the ticket.',
    valid: 'The link is valid for 24 hours.',
  },
  de: {
    inserted: 'Die Antwort mit dem neuen Link steht im Antwortfeld des Tickets: Lesen Sie sie durch und senden Sie sie dann.',
    clipboard:
      'Im Ticket wurde kein Antwortfeld gefunden, daher ist die Antwort mit dem neuen Link in der Zwischenablage: Fügen Sie sie ins Ticket ein.',
    valid: 'Der Link ist 24 Stunden lang gültig.',
  },
} as const

/** Text as the page shows it, paragraphs as lines, spaces folded. */
const words = (text: string) =>
  text
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\n+/g, '\n')
    .trim()

type Pages = { panel: Page; ticket: Page; detail: Locator }

/**
 * The ticket in `workspace`, where the customer's new message names `id` (the fixtures name an
 * approved inquiry, which gets no new link), its card open, and its detail opened from the card.
 */
async function openFromTicket(
  session: WorkspaceSession,
  { host, path }: Workspace,
  { id, errors }: { id: string; errors: string[] },
): Promise<Pages> {
  const panel = await openSidePanelPage(session.browser, errors)
  const ticket = await session.browser.context.newPage()
  const ui = await attachContentUi(ticket)
  await ticket.goto(session.server.url(host, path))
  await ticket.evaluate(
    (text) => document.querySelector('main')!.insertAdjacentHTML('beforeend', `<article><p>${text}</p></article>`),
    `Customer: the link for ${id} does not work any more.`,
  )
  const card = `[data-testid="card"][data-id="${id}"]`
  await ui.hover(() => textSpot(ticket, id))
  await ui.waitFor(`${card} [data-testid="open-detail"]`)
  await ui.click(`${card} [data-testid="open-detail"]`)
  const detail = panel.locator(`[data-testid="detail"][data-id="${id}"]`)
  await detail.waitFor(WAIT)
  return { panel, ticket, detail }
}

/** Makes the link (the relay wants no requester match here) and waits for where its reply went. */
async function makeLink(detail: Locator): Promise<{ reply: string; delivered: string | null }> {
  await detail.getByTestId('action-link').click()
  await detail.getByTestId('link-confirm').click()
  const sent = detail.getByTestId('link-sent')
  await expect.poll(() => sent.getAttribute('data-delivered'), WAIT).not.toBeNull()
  return { reply: await detail.getByTestId('link-reply').inputValue(), delivered: await sent.getAttribute('data-delivered') }
}

const clipboardText = (page: Page) => page.evaluate(() => navigator.clipboard.readText())
const composerInputs = (ticket: Page) => ticket.evaluate(() => (window as unknown as { __composerInputs: string[] }).__composerInputs)
/** The page's markup but the composer and our own elements (idv-lens-*). */
const outsideComposer = (ticket: Page, composer: string) =>
  ticket.evaluate((selector) => {
    const copy = document.body.cloneNode(true) as HTMLElement
    copy.querySelector(selector)?.remove()
    for (const el of copy.querySelectorAll('*')) if (el.nodeName.startsWith('IDV-LENS')) el.remove()
    return copy.innerHTML
  }, composer)
const pageMutations = (ticket: Page) => ticket.evaluate(() => (window as unknown as { __pageMutations: string[] }).__pageMutations)

/**
 * Persona allows 5 links an inquiry a day (worker/src/vendors/persona/action-list.ts): one relay for
 * both languages, the workspaces' links for an expired inquiry of each language's own (English's five,
 * German's one), the clipboard's (three in all) for the story's.
 */
let stack: Stack
let expiredOf: Record<'en' | 'de', string>
beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true })
  stack = await startStack({ agentTokens: DEV_AGENT_TOKENS, vars: { ACTIONS: 'one-time-link', LINK_REQUIRES_REQUESTER_MATCH: 'false' } })
  const res = await fetch(`${stack.relay.url}/v1/persona/inquiries?filter%5Bstatus%5D=expired&page%5Bsize%5D=2`, {
    headers: { authorization: `Bearer ${DEMO.agentToken}` },
  })
  const [en, de] = ((await res.json()) as { data: { id: string }[] }).data.map((inquiry) => inquiry.id)
  expect(de, 'two expired inquiries in the demo data').toBeDefined()
  expiredOf = { en: en!, de: de! }
})
afterAll(() => stack?.stop())

describe.each(['en', 'de'] as const)('the reply with a new link (%s)', (locale) => {
  let expired = ''
  beforeAll(() => {
    expired = expiredOf[locale]
  })

  describe('in the workspaces', () => {
    let session: WorkspaceSession
    shareWorkspaceSession((s) => (session = s), { locale: locale === 'en' ? undefined : locale, over: () => stack })
    const errors: string[] = []
    beforeAll(async () => {
      await session.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'])
    })

    it.each(locale === 'en' ? WORKSPACES : [ZENDESK])(
      '$name: into the composer, through its input events, on the click only',
      async (workspace) => {
        const { panel, ticket, detail } = await openFromTicket(session, workspace, { id: expired, errors })
        await panel.evaluate(() => navigator.clipboard.writeText('the agent’s own clipboard'))
        await ticket.evaluate(() => ((window as unknown as { __pageMutations: string[] }).__pageMutations.length = 0))
        await detail.getByTestId('action-link').waitFor(WAIT)
        // Nothing is written before the click that makes the link.
        expect(await pageMutations(ticket)).toEqual([])
        const before = await outsideComposer(ticket, workspace.composer)

        const { reply, delivered } = await makeLink(detail)
        expect(delivered).toBe('composer')
        expect(await detail.getByTestId('link-sent').innerText()).toBe(WORDS[locale].inserted)
        expect(reply).toMatch(LINK)
        expect(reply.endsWith(`\n\n${WORDS[locale].valid}`)).toBe(true)
        const composer = ticket.locator(workspace.composer)
        expect(words(await composer.innerText())).toBe(words(reply))
        // The editor heard it as typed text; only the composer changed; the clipboard is the agent's still.
        expect((await composerInputs(ticket)).length).toBeGreaterThan(0)
        expect(new Set(await composerInputs(ticket))).toEqual(new Set(['insertText']))
        expect(await outsideComposer(ticket, workspace.composer)).toBe(before)
        expect(reply).not.toContain(expired)
        expect(await clipboardText(panel)).toBe('the agent’s own clipboard')
        if (workspace === ZENDESK) {
          await shootLightAndDark(panel, detail.getByTestId('link-step'), join(ARTIFACTS, `panel-inserted-${locale}`))
          await composer.screenshot({ path: join(ARTIFACTS, `zendesk-composer-${locale}.png`) })
        }
        expect(errors).toEqual([])
      },
    )

    it('with the reply box closed: on the clipboard, and the panel says so', async () => {
      const { panel, ticket, detail } = await openFromTicket(session, ZENDESK, { id: STORY_INQUIRY, errors })
      await ticket.evaluate(() => document.querySelector('[data-test-id="omni-composer"]')!.remove())
      const { reply, delivered } = await makeLink(detail)
      expect(delivered).toBe('clipboard')
      expect(await detail.getByTestId('link-sent').innerText()).toBe(WORDS[locale].clipboard)
      await expect.poll(() => clipboardText(panel), WAIT).toBe(reply)
      expect(await composerInputs(ticket)).toEqual([])
      await shootLightAndDark(panel, detail.getByTestId('link-step'), join(ARTIFACTS, `panel-clipboard-${locale}`))
      expect(errors).toEqual([])
    })

    if (locale === 'en')
      it('with no ticket showing the ID: on the clipboard', async () => {
        const panel = await openSidePanelPage(session.browser, errors)
        const detail = await openDetail(panel, STORY_INQUIRY)
        const { reply, delivered } = await makeLink(detail)
        expect(delivered).toBe('clipboard')
        await expect.poll(() => clipboardText(panel), WAIT).toBe(reply)
      })
  })
})
