/**
 * Locked and suggested settings (issue 51), real Chromium, relay and demo upstream, en and de. Policy
 * locks the relay URL and token and suggests the card's facts: the locked URL is read-only and says
 * the team set it and why; the suggestion is editable, the card shows it in order, then the agent's
 * own choice, and "back to the team's value" returns to it. Each language runs a copy of the build
 * under an ID of its own (harness/team-copy.ts); the policy file goes in `finally`. Screenshots of the
 * options page, light and dark, go to test/artifacts/surfaces/. No sleeps: every wait is a condition.
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

/** The extension API these tests call inside the service worker (run there; typed here for the checker). */
declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } }

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6' // approved in the demo upstream, reference abc-123, from the US
const WAIT = { timeout: 20_000, interval: 100 }
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/surfaces')
const TICKET = '/agent/tickets/5101'

const CASES = [
  { locale: 'en', copy: freshExtensionKey(), locked: 'Set by your team.', why: 'browser policy', suggested: 'Suggested by your team.', back: "Back to the team's value", unknown: 'The card knows no fact named coutnry.', facts: ['Session country', 'Reference'], own: ['Reference', 'Created'] },
  { locale: 'de', copy: freshExtensionKey(), locked: 'Von Ihrem Team festgelegt.', why: 'Browser-Richtlinie', suggested: 'Von Ihrem Team vorgeschlagen.', back: 'Zurück zum Wert des Teams', unknown: 'Die Karte kennt keinen Fakt namens coutnry.', facts: ['Land (Sitzung)', 'Referenz'], own: ['Referenz', 'Erstellt'] },
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
  JSON.stringify(policy?.defaults ?? null) === '{"cardFields":["country","reference"],"replyTexts":{"en":{"expired":"Please start again."}}}'

/** The labels of the facts the open card shows, in order. */
async function cardFacts(ui: ContentUi): Promise<string[]> {
  await ui.waitFor(`[data-testid="card"][data-id="${INQUIRY}"] [data-testid="card-fields"]`)
  return (await ui.findAll('[data-testid="card-fields"] dt')).map((dt) => dt.text)
}

async function screenshots(options: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await options.emulateMedia({ colorScheme })
    await options.screenshot({ path: join(ARTIFACTS, `${name}-${colorScheme}.png`), fullPage: true })
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
      team = await launchWithExtension({ extensionDir: dir, hostResolverRules: server.hostResolverRules, locale: c.locale === 'en' ? undefined : c.locale })
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

      // Suggested: editable, said to be the team's, nothing to go back to yet.
      const fields = options.getByTestId('setting-card-fields')
      expect(await fields.inputValue()).toBe('country\nreference')
      expect(await fields.isEditable()).toBe(true)
      expect(await options.getByTestId('suggested-card-fields').textContent()).toContain(c.suggested)
      expect(await options.getByTestId('team-value-card-fields').count()).toBe(0)
      // Reply texts the team only suggested say so, never "Set by your team".
      expect(await options.getByTestId('suggested-reply-texts').textContent()).toContain(c.suggested)
      expect(await options.getByTestId('locked-reply-texts').count()).toBe(0)
      await screenshots(options, `options-team-settings-${c.locale}`)

      // A name that is no fact is reported, and Save waits until it is fixed.
      await fields.fill('reference\ncoutnry')
      await expect.poll(() => options.locator('#card-fields-problem').textContent(), WAIT).toContain(c.unknown)
      expect(await options.getByTestId('save').isDisabled()).toBe(true)
      await options.locator('#card-fields-problem').scrollIntoViewIfNeeded()
      await screenshots(options, `options-card-fields-unknown-${c.locale}`)

      // The card shows the suggested facts, in the team's order.
      const page = await team.context.newPage()
      const ui = await attachContentUi(page)
      await page.goto(server.url('acme.zendesk.com', TICKET))
      await ui.hover(await textSpot(page, INQUIRY))
      await expect.poll(() => cardFacts(ui), WAIT).toEqual(c.facts)

      // The agent's own choice: saved, and the card follows it.
      await fields.fill('reference\ncreated')
      expect(await options.getByTestId('suggested-card-fields').textContent()).toContain(c.suggested)
      const back = options.getByTestId('team-value-card-fields')
      expect(await back.textContent()).toBe(c.back)
      await options.getByTestId('save').click()
      await pollUntil(
        () => team!.background.evaluate(async () => (await chrome.storage.local.get('cardFields')).cardFields ?? null),
        (own) => JSON.stringify(own) === '["reference","created"]',
        { timeoutMs: WAIT.timeout, what: "the agent's own card facts" },
      )
      await screenshots(options, `options-team-settings-changed-${c.locale}`)
      await expect.poll(() => cardFacts(ui), WAIT).toEqual(c.own)

      // Back to the team's value, from the keyboard: the suggestion again, and nothing of the agent's own kept.
      await back.focus()
      await options.keyboard.press('Enter')
      expect(await fields.inputValue()).toBe('country\nreference')
      await options.getByTestId('save').click()
      await pollUntil(
        () => team!.background.evaluate(async () => 'cardFields' in (await chrome.storage.local.get('cardFields'))),
        (kept) => kept === false,
        { timeoutMs: WAIT.timeout, what: "the agent's own card facts to go" },
      )
      await expect.poll(() => cardFacts(ui), WAIT).toEqual(c.facts)
      expect(await url.inputValue()).toBe(stack.relay.url)
    } finally {
      await removePolicy()
      await team?.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
