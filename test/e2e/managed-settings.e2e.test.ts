/**
 * Locked and suggested settings (issue 51), real Chromium, relay and demo upstream. The
 * locked URL is read-only and says why; the suggested card facts are ticked in the team's order, the
 * agent ticks, unticks and moves their own (kept when the page reopens), and "back to the team's
 * value" returns to it. A locked choice disables every box. It runs a copy of the build
 * under its own ID (harness/team-copy.ts); the policy file goes in `finally`. Screenshots, light and
 * dark, go to test/artifacts/surfaces/. No sleeps: every wait is a condition.
 */
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { attachContentUi, type ContentUi } from '../harness/content-ui.ts'
import { pollUntil } from '../harness/poll.ts'
import { REPO_ROOT, type Stack } from '../harness/stack.ts'
import type { HelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import { shareHelpdeskSession } from '../harness/helpdesk-session.ts'
import { copyWithKey, freshExtensionKey, policyCached, writeExtensionPolicy } from '../harness/team-copy.ts'
import { textSpot } from '../harness/text-spot.ts'
import { wholePageShot } from '../harness/whole-page.ts'
import { WAIT } from '../harness/wait.ts'

/** The extension API these tests call inside the service worker (run there; typed here for the checker). */
declare const chrome: {
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } }
}

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6' // approved in the demo upstream, reference abc-123, from the US
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/surfaces')
const TICKET = '/agent/tickets/5101'

const CASES = [
  {
    locale: 'en',
    copy: freshExtensionKey(),
    lockedCopy: freshExtensionKey(),
    locked: 'Set by your team.',
    why: 'browser policy',
    suggested: 'Suggested by your team.',
    back: "Back to the team's value",
    unknown: 'The card knows no fact named coutnry.',
    facts: ['Session country', 'Reference'],
    own: ['Reference', 'Created'],
    country: 'Country',
  },
] as const

let stack: Stack
let server: HelpdeskServer
let agentToken: string

const ticket = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket 5101</title></head>
<body><main><h1>Ticket 5101</h1><p>The customer sent this reference: ${INQUIRY}</p></main></body></html>`
shareHelpdeskSession((session) => ({ stack, server, agentToken } = session), {
  agent: 'own',
  pages: { [TICKET]: ticket },
  extraOrigins: CASES.map((c) => `chrome-extension://${c.copy.id}`),
})

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true })
})

/** The team's suggestion of this test, once the background holds it. */
const cardFieldsSuggested = (policy: Record<string, unknown> | null) =>
  JSON.stringify(policy?.defaults ?? null) ===
  '{"cardFields":["country","reference"],"replyTexts":{"en":{"expired":"Please start again."}}}'

/** The labels of the facts the open card shows, in order. */
async function cardFacts(ui: ContentUi): Promise<string[]> {
  await ui.waitFor(`[data-testid="card"][data-id="${INQUIRY}"] [data-testid="card-fields"]`)
  return (await ui.findAll('[data-testid="card-fields"] dt')).map((dt) => dt.text)
}

/** The facts ticked on the options page, in the order the card shows them. */
const ticked = (options: Page) =>
  options
    .locator('[data-testid="setting-card-fields"] input[type="checkbox"]:checked')
    .evaluateAll((boxes) => boxes.map((box) => box.id.replace('card-fields-', '')))

/** The agent's own card facts as the background stores them, once they are `expected` (null: none kept). */
const ownFactsStored = (team: ExtensionBrowser, expected: string[] | null) =>
  pollUntil(
    () => team.background.evaluate(async () => (await chrome.storage.local.get('cardFields')).cardFields ?? null),
    (own) => JSON.stringify(own) === JSON.stringify(expected),
    { timeoutMs: WAIT.timeout, what: `the agent's own card facts to be ${JSON.stringify(expected)}` },
  )

async function screenshots(options: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await options.emulateMedia({ colorScheme })
    await wholePageShot(options, join(ARTIFACTS, `${name}-${colorScheme}.png`))
  }
  await options.emulateMedia({ colorScheme: 'light' })
}

describe.each(CASES)('settings the team locks or suggests ($locale)', (c) => {
  it('should keep a locked setting read-only and say the team set it, let the agent change a suggestion, and show the card facts that apply', async () => {
    const dir = await copyWithKey(c.copy.key)
    let removePolicy = async () => {}
    let team: ExtensionBrowser | undefined
    try {
      removePolicy = await writeExtensionPolicy('managed-settings', c.copy.id, {
        workerUrl: stack.relay.url,
        agentToken,
        defaults: { cardFields: ['country', 'reference'], replyTexts: { en: { expired: 'Please start again.' } } },
      })
      team = await launchWithExtension({
        extensionDir: dir,
        hostResolverRules: server.hostResolverRules,
        locale: c.locale === 'en' ? undefined : c.locale,
      })
      expect(team.extensionId).toBe(c.copy.id)
      await policyCached(team.background, cardFieldsSuggested)

      const options = await team.context.newPage()
      await options.goto(team.pageUrl('options.html'))
      const url = options.getByTestId('setting-worker-url')
      await expect.poll(() => url.inputValue(), WAIT).toBe(stack.relay.url)
      // Locked: read-only, says who set it and why; typing into it changes nothing.
      expect(await url.evaluate((el) => (el as HTMLInputElement).readOnly)).toBe(true)
      const lockedNote = (await options.getByTestId('locked-worker-url').textContent()) ?? ''
      expect(lockedNote).toContain(c.locked)
      expect(lockedNote).toContain(c.why)
      expect(await options.getByTestId('locked-agent-token').textContent()).toContain(c.locked)
      await url.focus()
      await options.keyboard.type('evil')
      expect(await url.inputValue()).toBe(stack.relay.url)

      // Suggested: ticked in the team's order, editable, said to be the team's, nothing to go back to yet.
      await expect.poll(() => ticked(options), WAIT).toEqual(['country', 'reference'])
      expect(await options.locator('label[for="card-fields-country"]').textContent()).toBe(`${c.country} country`)
      expect(await options.locator('#card-fields-country').isEnabled()).toBe(true)
      expect(await options.getByTestId('suggested-card-fields').textContent()).toContain(c.suggested)
      expect(await options.getByTestId('team-value-card-fields').count()).toBe(0)
      // Reply texts the team only suggested say so, never "Set by your team".
      expect(await options.getByTestId('suggested-reply-texts').textContent()).toContain(c.suggested)
      expect(await options.getByTestId('locked-reply-texts').count()).toBe(0)
      await screenshots(options, `options-team-settings-${c.locale}`)

      // The card shows the suggested facts, in the team's order.
      const page = await team.context.newPage()
      const ui = await attachContentUi(page)
      await page.goto(server.url('acme.zendesk.com', TICKET))
      await ui.hover(() => textSpot(page, INQUIRY))
      await expect.poll(() => cardFacts(ui), WAIT).toEqual(c.facts)

      // The agent's own choice, from the keyboard: country unticked, created ticked; saved, and the card follows it.
      await options.locator('#card-fields-country').focus()
      await options.keyboard.press('Space')
      await options.locator('#card-fields-created').focus()
      await options.keyboard.press('Space')
      expect(await ticked(options)).toEqual(['reference', 'created'])
      expect(await options.getByTestId('suggested-card-fields').textContent()).toContain(c.suggested)
      const back = options.getByTestId('team-value-card-fields')
      expect(await back.textContent()).toBe(c.back)
      await options.getByTestId('save').click()
      await ownFactsStored(team, ['reference', 'created'])
      await expect.poll(() => cardFacts(ui), WAIT).toEqual(c.own)

      // Moved up: first on the card; the keyboard focus stays on the moved fact.
      await options.locator('#card-fields-created-up').focus()
      await options.keyboard.press('Enter')
      expect(await ticked(options)).toEqual(['created', 'reference'])
      expect(await options.evaluate(() => document.activeElement?.id)).toBe('card-fields-created-down')
      await options.getByTestId('save').click()
      await ownFactsStored(team, ['created', 'reference'])
      await expect.poll(() => cardFacts(ui), WAIT).toEqual([...c.own].reverse())

      // Opened again, the page shows the saved choice.
      await options.close()
      const again = await team.context.newPage()
      await again.goto(team.pageUrl('options.html'))
      await expect.poll(() => ticked(again), WAIT).toEqual(['created', 'reference'])
      await screenshots(again, `options-team-settings-changed-${c.locale}`)

      // Back to the team's value, from the keyboard: the suggestion again, and nothing of the agent's own kept.
      await again.getByTestId('team-value-card-fields').focus()
      await again.keyboard.press('Enter')
      expect(await ticked(again)).toEqual(['country', 'reference'])
      await again.getByTestId('save').click()
      await ownFactsStored(team, null)
      await expect.poll(() => cardFacts(ui), WAIT).toEqual(c.facts)
      expect(await again.getByTestId('setting-worker-url').inputValue()).toBe(stack.relay.url)

      // A name an older setting stored that is no fact: ticked and reported; Save waits until it is unticked.
      await team.background.evaluate(() => chrome.storage.local.set({ cardFields: ['reference', 'coutnry'] }))
      await again.reload()
      await expect.poll(() => again.locator('#card-fields-problem').textContent(), WAIT).toContain(c.unknown)
      expect(await ticked(again)).toEqual(['reference', 'coutnry'])
      expect(await again.getByTestId('save').isDisabled()).toBe(true)
      await again.locator('#card-fields-problem').scrollIntoViewIfNeeded()
      await screenshots(again, `options-card-fields-unknown-${c.locale}`)
      await again.locator('#card-fields-coutnry').focus()
      await again.keyboard.press('Space')
      expect(await again.locator('#card-fields-problem').count()).toBe(0)
      expect(await again.getByTestId('save').isDisabled()).toBe(false)
    } finally {
      await removePolicy()
      await team?.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
  it("should show the card facts the team locked ticked in the team's order, none of them changeable", async () => {
    const dir = await copyWithKey(c.lockedCopy.key)
    let removePolicy = async () => {}
    let team: ExtensionBrowser | undefined
    try {
      removePolicy = await writeExtensionPolicy('managed-card-fields', c.lockedCopy.id, { cardFields: ['threat', 'country'] })
      team = await launchWithExtension({
        extensionDir: dir,
        hostResolverRules: server.hostResolverRules,
        locale: c.locale === 'en' ? undefined : c.locale,
      })
      await policyCached(team.background, (policy) => JSON.stringify(policy?.cardFields) === '["threat","country"]')
      const options = await team.context.newPage()
      await options.goto(team.pageUrl('options.html'))
      await expect.poll(() => ticked(options), WAIT).toEqual(['threat', 'country'])
      expect(await options.getByTestId('locked-card-fields').textContent()).toContain(c.locked)
      expect(await options.locator('[data-testid="setting-card-fields"] button').count()).toBe(0)
      const boxes = options.locator('[data-testid="setting-card-fields"] input[type="checkbox"]')
      expect(await boxes.evaluateAll((all) => all.filter((el) => !el.matches(':disabled')).length)).toBe(0)
      await options.locator('#card-fields-threat').click({ force: true })
      expect(await ticked(options)).toEqual(['threat', 'country'])
      await options.getByTestId('setting-card-fields').scrollIntoViewIfNeeded()
      await screenshots(options, `options-card-fields-locked-${c.locale}`)
    } finally {
      await removePolicy()
      await team?.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
