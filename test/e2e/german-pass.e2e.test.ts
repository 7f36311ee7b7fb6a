/**
 * The German pass (issue 74): one Chromium started with `--lang=de` walks every surface, in every
 * state the English flows reach, in light and dark. Each shows German only (no English message's
 * words, no message key), cuts no text and scrolls nothing sideways, passes axe (extension pages),
 * and is screenshotted to test/artifacts/german/. A new surface or state is one entry in PAGES or
 * CARDS. Whole flows run in English only; German-only behaviour (dates, plurals) has tests of its own.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { ACTION_NAMES, VENDOR_NAMES } from '@idv-lens/shared/api'
import { startHelpdeskServer, type HelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import { axeViolations } from '../harness/axe.ts'
import type { ExtensionBrowser } from '../harness/browser.ts'
import { attachContentUi, type ContentUi } from '../harness/content-ui.ts'
import { inquiryWithStatus } from '../harness/demo-inquiries.ts'
import { browserOver, startTogether } from '../harness/helpdesk-session.ts'
import { liveBases, startLiveStack, type LiveStack } from '../harness/live.ts'
import { WEBHOOK_VENDORS } from '../harness/demo-vendors.ts'
import { openDetail, showPanelTab } from '../harness/side-panel-page.ts'
import { DEMO, DEV_AGENT_TOKENS, REPO_ROOT, startRelay, type RelayProcess } from '../harness/stack.ts'
import { statusPage } from '../harness/status-page.ts'
import { textSpot } from '../harness/text-spot.ts'
import { wholePageShot } from '../harness/whole-page.ts'
import { distinctGaps, ONE_GAP_EACH, sectionGaps } from '../harness/section-gaps.ts'
import { germanMessage, READ_SURFACE, untranslated, type SurfaceReading } from '../harness/translated.ts'
import { WAIT } from '../harness/wait.ts'
import { flaggedInquiry } from '../harness/flagged-inquiry.ts'

const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/german')
const SCHEMES = ['light', 'dark'] as const
const POPUP = { width: 400, height: 600 }
const PANEL = { width: 400, height: 900 }
/** The demo story (worker/demo-upstream/*-story.ts, *-seed.ts): the fullest record of each kind; Onfido's run is declined. */
const STORY = {
  inquiry: 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e',
  session: 'iqse_Hx3Nq8Wd2Lc7Tv5Kb9Rm4PsZ',
  event: 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a',
  deepidv: '5f2c9a1e-7b34-4d6a-9e08-3c1b7d4a2f65',
  stripe: 'vs_v4rUK4DjBeSFzUvhkyle3iOU',
  onfido: 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46',
  /** Mara's applicant, rejected with RETRY (worker/demo-upstream/sumsub/sumsub-seed.ts). */
  sumsub: '65a1f0c2e4b0a1b2c3d4e504',
  email: 'dana.customer@example.com',
}
/** Persona's inquiry statuses; the demo seed holds each. */
const INQUIRY_STATUSES = ['created', 'pending', 'completed', 'approved', 'declined', 'failed', 'expired', 'needs_review']
/** Well-formed, known to no vendor. */
const UNKNOWN = 'inq_NoSuchInquiryHere0000000'

/** `keyless`: a relay on the same demo upstream with a live stack's usual keys only (liveBases). */
type Ctx = { browser: ExtensionBrowser; stack: LiveStack; keyless: RelayProcess; server: HelpdeskServer }
/**
 * The relay the extension is set to for a state: the pass's (every vendor's key), one nobody listens
 * on, the pass's with a refused token, or the keyless one.
 */
type Relay = 'ok' | 'unreachable' | 'refused' | 'keyless'
/**
 * `walk`: the entries in a row that share one (one page walks through their states, opened for the
 * first and closed after the last); each must also reach its state from a fresh page, as a failed one
 * closes the page.
 */
type PageSurface = {
  name: string
  walk?: 'popup' | 'panel'
  path: string
  viewport?: { width: number; height: number }
  relay?: Relay
  reach?: (page: Page, ctx: Ctx) => Promise<void>
}
/** `act`: what the agent does in the open card before it is read (`card` is its selector). */
type CardSurface = {
  name: string
  id: (ctx: Ctx) => string | Promise<string>
  relay?: Relay
  act?: (ui: ContentUi, card: string) => Promise<unknown>
}

const tab =
  (name: string, rows = '[data-testid="row"]') =>
  async (page: Page) => {
    await showPanelTab(page, name)
    await page.locator(`[role="tabpanel"] ${rows}`).first().waitFor(WAIT)
  }
/** The first row of a side panel tab, opened into its detail with every section in. */
const firstDetail = (name: string) => async (page: Page) => {
  await tab(name)(page)
  await page.locator('[role="tabpanel"] [data-testid="row"] .row-open').first().click()
  await page.locator('[data-testid="detail"][aria-busy="false"]').waitFor(WAIT)
}
const storyDetail = (then?: (page: Page) => Promise<void>) => async (page: Page) => {
  await openDetail(page, STORY.inquiry, { settled: true })
  await then?.(page)
}
/** The link step at `step`. A match held from an earlier state skips the check, so `requester-first` comes before any match. */
const linkStep = (step: string) => async (page: Page) => {
  await page.getByTestId('action-link').click()
  const at = page.getByTestId('link-step')
  await expect.poll(() => at.getAttribute('data-step'), WAIT).toMatch(/^(requester-first|confirm)$/)
  if (step === 'requester-first') return expect(await at.getAttribute('data-step')).toBe('requester-first')
  if ((await at.getAttribute('data-step')) === 'requester-first') {
    await page.getByTestId('link-check-requester').click()
    await page.getByTestId('requester-input').fill(STORY.email)
    await page.getByTestId('requester-input').press('Enter')
  }
  await expect.poll(() => at.getAttribute('data-step'), WAIT).toBe('confirm')
  if (step === 'confirm') return
  await page.getByTestId('link-confirm').click()
  await page.getByTestId('link-reply').waitFor(WAIT)
}

const flaggedDetail =
  (confirm: boolean) =>
  async (page: Page, { stack }: Ctx) => {
    const detail = await openDetail(page, await flaggedInquiry(stack.upstream.personaBase), { settled: true })
    await detail.getByTestId('action-escalate').waitFor(WAIT)
    if (confirm) await detail.getByTestId('action-escalate').click()
    if (confirm) await detail.getByTestId('escalate-confirm-text').waitFor(WAIT)
  }

/** A Zendesk ticket showing its requester's email and no External ID. */
const EMAIL_ONLY_TICKET = '/agent/tickets/customer-email-only'
const emailOnlyTicket = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket</title></head>
<body><aside><span data-test-id="customer-context-email">${STORY.email}</span></aside></body></html>`
/** A Zendesk ticket showing its requester's name alone: nothing to search by. */
const NAME_ONLY_TICKET = '/agent/tickets/customer-name-only'
const nameOnlyTicket = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket</title></head>
<body><aside><span data-test-id="customer-context-name">Dana Customer</span></aside></body></html>`
/** "Show this ticket's customer" answered (`status`), the Zendesk ticket at `path` open beside the panel (ticket-customer.e2e.test.ts). */
const ticketCustomer =
  (path: string, status = 'done') =>
  async (page: Page, { browser, server }: Ctx) => {
    pages[EMAIL_ONLY_TICKET] = emailOnlyTicket
    pages[NAME_ONLY_TICKET] = nameOnlyTicket
    const ticket = await browser.context.newPage()
    await ticket.goto(server.url('acme.zendesk.com', path))
    await page.bringToFront()
    await page.getByTestId('ticket-customer-show').click()
    await expect.poll(() => page.getByTestId('ticket-customer').getAttribute('data-status'), WAIT).toBe(status)
    await ticket.close()
  }

/** Every extension page and state the English flows reach. */
const PAGES: PageSurface[] = [
  ...['inquiries', 'sessions', 'events', 'deepidv'].map((name) => ({
    name: `popup-${name}`,
    walk: 'popup' as const,
    path: 'popup.html',
    viewport: POPUP,
    reach: tab(name),
  })),
  { name: 'popup-live', walk: 'popup', path: 'popup.html', viewport: POPUP, reach: tab('live', '[data-testid="live-event"]') },
  ...['sessions', 'inquiries', 'events', 'deepidv', 'stripe', 'onfido'].map((name) => ({
    name: `panel-${name}`,
    walk: 'panel' as const,
    path: 'sidepanel.html',
    reach: tab(name),
  })),
  { name: 'panel-live', walk: 'panel', path: 'sidepanel.html', reach: tab('live', '[data-testid="live-event"]') },
  // The pass's agent has no cases assigned: the tab's German words for none (decisions.e2e.test.ts lists some).
  { name: 'panel-myCases', walk: 'panel', path: 'sidepanel.html', reach: tab('myCases', '[data-testid="list"][aria-busy="false"]') },
  {
    name: 'panel-keys',
    walk: 'panel',
    path: 'sidepanel.html',
    reach: async (page) => {
      // The panel opens on the tab last chosen (My cases, by the entries before): the help sits under a list.
      await tab('sessions')(page)
      await page.getByTestId('keys-help-toggle').click()
      await page.locator('[data-testid="keys-command"]').first().waitFor(WAIT)
    },
  },
  { name: 'panel-ticket-customer', path: 'sidepanel.html', reach: ticketCustomer('/agent/tickets/4821') },
  { name: 'panel-ticket-customer-email-only', path: 'sidepanel.html', reach: ticketCustomer(EMAIL_ONLY_TICKET) },
  { name: 'panel-ticket-customer-name-only', path: 'sidepanel.html', reach: ticketCustomer(NAME_ONLY_TICKET, 'none') },
  { name: 'detail-inquiry', path: 'sidepanel.html', reach: storyDetail() },
  {
    name: 'detail-inquiry-history',
    path: 'sidepanel.html',
    reach: storyDetail(async (page) => {
      await page.getByTestId('earlier-attempts').click()
      await page.locator('[data-testid="history-attempt"]').first().waitFor(WAIT)
    }),
  },
  { name: 'link-requester-first', path: 'sidepanel.html', reach: storyDetail(linkStep('requester-first')) },
  {
    name: 'detail-requester-match',
    path: 'sidepanel.html',
    reach: storyDetail(async (page) => {
      await page.getByTestId('requester-input').fill(STORY.email)
      await page.getByTestId('requester-input').press('Enter')
      await page.locator('[data-testid="requester-answer"][data-result="match"]').waitFor(WAIT)
    }),
  },
  ...['sessions', 'events', 'deepidv'].map((name) => ({ name: `detail-${name}`, path: 'sidepanel.html', reach: firstDetail(name) })),
  ...(['stripe', 'onfido', 'sumsub'] as const).map((kind) => ({
    name: `detail-${kind}`,
    path: 'sidepanel.html',
    reach: async (page: Page) => void (await openDetail(page, STORY[kind], { settled: true })),
  })),
  { name: 'link-confirm', path: 'sidepanel.html', reach: storyDetail(linkStep('confirm')) },
  { name: 'link-reply', path: 'sidepanel.html', reach: storyDetail(linkStep('reply')) },
  // The detail's requester match, held by the link step (demo-requester.e2e.test.ts).
  {
    name: 'link-held-match',
    path: 'sidepanel.html',
    reach: storyDetail(async (page) => {
      await page.getByTestId('requester-input').fill(STORY.email)
      await page.getByTestId('requester-input').press('Enter')
      await page.locator('[data-testid="requester-answer"][data-result="match"]').waitFor(WAIT)
      await page.getByTestId('action-link').click()
      await expect.poll(() => page.getByTestId('link-step').getAttribute('data-step'), WAIT).toBe('confirm')
    }),
  },
  // A reviewer's decision at its confirm (decisions.e2e.test.ts): the pass's agent is a reviewer too.
  {
    name: 'detail-decision-confirm',
    path: 'sidepanel.html',
    reach: storyDetail(async (page) => {
      await page.getByTestId('action-inquiry-approve').click()
      await page.getByTestId('decision-confirm-text').waitFor(WAIT)
    }),
  },
  // The team's escalation instead of a link (flagged-escalation.e2e.test.ts), offered and at its confirm.
  { name: 'detail-flagged', path: 'sidepanel.html', reach: flaggedDetail(false) },
  { name: 'detail-flagged-confirm', path: 'sidepanel.html', reach: flaggedDetail(true) },
  {
    name: 'detail-watched',
    path: 'sidepanel.html',
    reach: storyDetail(async (page) => {
      await page.getByTestId('watch-toggle').click()
      await expect.poll(() => page.getByTestId('watch-toggle').getAttribute('aria-pressed'), WAIT).toBe('true')
    }),
  },
  {
    name: 'panel-live-watched',
    path: 'sidepanel.html',
    reach: async (page) => {
      await page.getByTestId('tab-live').click()
      await page.locator('[data-scope="watched"]').click()
    },
  },
  { name: 'popup-watched', path: 'popup.html', viewport: POPUP, reach: (page) => page.getByTestId('watched').waitFor(WAIT) },
  {
    name: 'options',
    path: 'options.html',
    viewport: { width: 800, height: 900 },
    reach: async (page) => {
      await page.getByTestId('test-connection').click()
      await expect.poll(() => page.getByTestId('result-message').getAttribute('data-outcome'), WAIT).toBe('connected')
    },
  },
  { name: 'options-400', path: 'options.html', viewport: { width: 400, height: 800 }, reach: (page) => page.locator('h1').waitFor(WAIT) },
  {
    name: 'admin',
    path: 'admin.html',
    viewport: { width: 1000, height: 900 },
    reach: (page) => page.locator('[data-testid="agent-usage"]').first().waitFor(WAIT),
  },
  {
    name: 'error-popup-refused',
    path: 'popup.html',
    viewport: POPUP,
    relay: 'refused',
    reach: (page) => page.getByTestId('error-unauthorized').first().waitFor(WAIT),
  },
  {
    name: 'error-live-refused',
    path: 'sidepanel.html',
    relay: 'refused',
    reach: async (page) => {
      await page.getByTestId('tab-live').click()
      await expect.poll(() => page.getByTestId('live-indicator').getAttribute('data-status'), WAIT).toBe('refused')
    },
  },
  {
    name: 'error-options-unreachable',
    path: 'options.html',
    viewport: { width: 800, height: 900 },
    relay: 'unreachable',
    reach: async (page) => {
      await page.getByTestId('test-connection').click()
      await expect.poll(() => page.getByTestId('connection-result').getAttribute('data-relay'), WAIT).toBe('unreachable')
    },
  },
]

/** The hover card of every kind, of an inquiry in each status, and of an ID the relay cannot answer. */
const CARDS: CardSurface[] = [
  ...(['inquiry', 'session', 'event', 'deepidv', 'stripe', 'onfido', 'sumsub'] as const).map((kind) => ({
    name: `card-${kind}`,
    id: () => STORY[kind],
  })),
  // The keyless relay has no Stripe key: the card says so in German, not in the relay's English words.
  {
    name: 'card-stripe-not-configured',
    id: () => STORY.stripe,
    relay: 'keyless',
    act: async (ui, card) =>
      expect(await ui.evaluate<string>(`root.querySelector(${JSON.stringify(`${card} [data-testid="card-message"]`)}).textContent`)).toBe(
        germanMessage('problem_provider_not_configured'),
      ),
  },
  // Nor an Onfido key: the relay asks deepidv alone, and the card says no UUID vendor knows the run.
  { name: 'card-onfido-not-configured', id: () => STORY.onfido, relay: 'keyless' },
  ...INQUIRY_STATUSES.map((status) => ({ name: `card-${status}`, id: (ctx: Ctx) => inquiryWithStatus(ctx.stack.relay.url, status) })),
  {
    name: 'card-copied-unchecked',
    id: () => STORY.inquiry,
    act: async (ui, card) => {
      await ui.click(`${card} [data-testid="copy-id"]`)
      await ui.waitFor(`${card} [data-testid="copy-unchecked"]`)
    },
  },
  {
    name: 'card-flagged',
    id: (ctx: Ctx) => flaggedInquiry(ctx.stack.upstream.personaBase),
    act: (ui, card) => ui.waitFor(`${card} [data-testid="card-reason"]`),
  },
  { name: 'card-unknown', id: () => UNKNOWN },
  { name: 'card-unreachable', id: () => STORY.inquiry, relay: 'unreachable' },
  { name: 'card-refused', id: () => STORY.inquiry, relay: 'refused' },
]

let ctx: Ctx
let stopBrowsing = async () => {}
const pages: Record<string, string> = {}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true })
  const [{ stack, keyless }, browsing] = await startTogether(
    startLiveStack({
      relay: {
        agentTokens: `${DEV_AGENT_TOKENS}:reviewer`,
        vendors: VENDOR_NAMES,
        vars: {
          ACTIONS: ACTION_NAMES.join(','),
          FLAGGED_ESCALATION: 'tag:fraud-review',
          FLAGGED_CONTACT: 'the fraud team in #fraud-review',
        },
      },
    }).then(withKeyless),
    () => browserOver(startHelpdeskServer({ pages }), { locale: 'de' }),
  )
  ctx = { stack, keyless, browser: browsing.browser, server: browsing.server }
  stopBrowsing = browsing.stop
  // Every state runs against the pass's relay but those that name another (and put it back).
  await useRelay()
  await ctx.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await ctx.browser.background.evaluate(() =>
    (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({
      siteSettings: { uuidSites: ['acme.zendesk.com'] },
    }),
  )
  // Something on the Live tabs: a few signed webhooks, replayed to every new socket.
  for (const vendor of [...WEBHOOK_VENDORS, 'persona' as const]) expect((await stack.deliver(vendor)).status).toBe(204)
})

afterAll(async () => {
  await stopBrowsing()
  await ctx?.stack.stop()
  await ctx?.keyless.stop()
})

/** The pass's stack with the keyless relay beside it; stopping it stops both. */
async function withKeyless(stack: LiveStack) {
  const keyless = await startRelay(liveBases(stack.upstream)).catch(async (err) => {
    await stack.stop()
    throw err
  })
  return { stack, keyless, stop: () => Promise.all([stack.stop(), keyless.stop()]).then(() => {}) }
}

function useRelay(relay: Relay = 'ok') {
  const relays = { ok: ctx.stack.relay.url, refused: ctx.stack.relay.url, keyless: ctx.keyless.url, unreachable: 'http://127.0.0.1:9' }
  const workerUrl = relays[relay]
  return ctx.browser.setSettings({ workerUrl, agentToken: relay === 'refused' ? 'idvl_german_pass_refused_token_00000' : DEMO.agentToken })
}

/** German, nothing cut, nothing sideways. */
async function expectGerman(name: string, reading: SurfaceReading) {
  expect.soft(await untranslated(reading.text), `${name}: English or keys shown`).toEqual([])
  expect.soft(reading.clipped, `${name}: text cut`).toEqual([])
  expect.soft(reading.centred, `${name}: a link's text off its start`).toEqual([])
  expect.soft(reading.sideways, `${name}: scrolls sideways`).toBe(false)
  expect.soft(reading.tabRows, `${name}: the tabs in one row`).toBeLessThanOrEqual(1)
}

/** The page of the walk under way (PageSurface), with its uncaught errors. */
let walking: { walk: string; page: Page; errors: string[] } | undefined

/** The page for `surface`: the walk's, or a fresh one at its viewport. */
async function pageFor(surface: PageSurface): Promise<{ page: Page; errors: string[] }> {
  if (walking && walking.walk === surface.walk) return walking
  const page = await ctx.browser.context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.setViewportSize(surface.viewport ?? PANEL)
  await page.goto(ctx.browser.pageUrl(surface.path))
  if (surface.walk) walking = { walk: surface.walk, page, errors }
  return { page, errors }
}

describe('every surface in German, light and dark', () => {
  it.each(PAGES.map((surface, i) => ({ ...surface, walkGoesOn: !!surface.walk && PAGES[i + 1]?.walk === surface.walk })))(
    '$name',
    async (surface) => {
      if (surface.relay) await useRelay(surface.relay)
      let keep = false
      const { page, errors } = await pageFor(surface)
      try {
        await surface.reach?.(page, ctx)
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('de')
        // A detail's sections spaced alike in German too (surfaces.e2e.test.ts: the same in English).
        if ((await page.getByTestId('detail').count()) > 0) {
          const gaps = await sectionGaps(page)
          expect.soft(distinctGaps(gaps), `${surface.name}: section gaps ${JSON.stringify(gaps)}`).toEqual(ONE_GAP_EACH)
        }
        for (const colorScheme of SCHEMES) {
          await page.emulateMedia({ colorScheme })
          await expectGerman(`${surface.name} ${colorScheme}`, await page.evaluate(`(${READ_SURFACE})(document.body)`))
          // The whole page, at its viewport's width: no sticky header over what the state scrolled to.
          await wholePageShot(page, join(ARTIFACTS, `${surface.name}-${colorScheme}.png`))
          await page.evaluate(() => window.scrollTo(0, 0))
          expect.soft(await axeViolations(page), `${surface.name} ${colorScheme}: axe`).toEqual([])
        }
        expect(errors).toEqual([])
        keep = surface.walkGoesOn
      } finally {
        if (!keep) {
          walking = undefined
          await page.close()
        }
        if (surface.relay) await useRelay()
      }
    },
  )

  it.each(CARDS)('$name', async (surface) => {
    const id = await surface.id(ctx)
    const path = `/agent/tickets/${surface.name}`
    // A ticket that turns dark with the OS: the card takes the page's scheme as it opens (page-scheme.ts).
    pages[path] = statusPage({ [surface.name]: id }, { followsOs: true })
    if (surface.relay) await useRelay(surface.relay)
    const page = await ctx.browser.context.newPage()
    try {
      await page.setViewportSize({ width: 1280, height: 800 })
      const ui = await attachContentUi(page)
      await page.goto(ctx.server.url('acme.zendesk.com', path))
      const card = `[data-testid="card"][data-id="${id}"]`
      const backgrounds: string[] = []
      for (const colorScheme of SCHEMES) {
        await page.emulateMedia({ colorScheme })
        if (backgrounds.length > 0) {
          await page.keyboard.press('Escape')
          await ui.waitFor(card, { state: 'detached' })
        }
        await ui.hover(() => textSpot(page, id))
        // Settled: a status other than "looking up", or a message saying why there is none.
        await ui.waitFor(`${card} [data-testid="status"]:not([data-tone="pending"]), ${card} [data-testid="card-message"]`)
        await surface.act?.(ui, card)
        backgrounds.push(await ui.evaluate<string>(`getComputedStyle(root.querySelector(${JSON.stringify(card)})).backgroundColor`))
        // The headline's box is one height for every answer: its words fit it, never scrolled out of sight.
        const lead = await ui.evaluate<number[]>(
          `[root.querySelector(${JSON.stringify(`${card} [data-testid="card-lead"]`)})].map((el) => el.scrollHeight - el.clientHeight)`,
        )
        expect.soft(lead, `${surface.name} ${colorScheme}: the headline cut`).toEqual([0])
        await expectGerman(
          `${surface.name} ${colorScheme}`,
          await ui.evaluate(`(${READ_SURFACE})(root.querySelector(${JSON.stringify(card)}))`),
        )
        const box = (await ui.find(card))!.box
        await page.screenshot({
          path: join(ARTIFACTS, `${surface.name}-${colorScheme}.png`),
          clip: { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8), width: box.width + 16, height: box.height + 16 },
        })
      }
      expect(backgrounds[1], `${surface.name}: the card in the dark ticket's scheme`).not.toBe(backgrounds[0])
    } finally {
      await page.close()
      if (surface.relay) await useRelay()
    }
  })
})
