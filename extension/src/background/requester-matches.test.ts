import { fakeBrowser } from 'wxt/testing/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerHandlers } from './handlers.ts'
import { createLookupBudget } from './lookup-budget.ts'
import { createRelay } from './relay-client.ts'
import { recordPageIds, startTabBadges } from './tab-badge.ts'
import { contentScript, extensionPage, sendAs } from '../../test-support/sender-fakes.ts'

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const OTHER = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const TAB = 7
const MINUTE = 60_000
const PANEL = () => extensionPage('sidepanel.html')

/** The relay's requester check answering `result` for the ID asked. */
const relayAnswers = (result: 'match' | 'no-match') => async (input: RequestInfo | URL, init?: RequestInit) => {
  const body = input instanceof Request ? await input.clone().text() : String(init?.body)
  const { id } = JSON.parse(body) as { id: string }
  return new Response(JSON.stringify({ data: { id, field: 'email', result } }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  })
}

describe("the requester match held for the side panel's link step", () => {
  const fetch = vi.fn<typeof globalThis.fetch>()
  let clock = 0
  let unregister = () => {}

  beforeEach(async () => {
    fakeBrowser.reset()
    fetch.mockReset()
    clock = 1_700_000_000_000
    const relay = createRelay({
      getSettings: async () => ({ workerUrl: 'https://relay.example', agentToken: 't' }),
      fetch,
      origin: 'chrome-extension://x',
    })
    const budget = createLookupBudget({ load: async () => null, save: async () => {}, now: () => clock })
    unregister = registerHandlers(relay, { budget, now: () => clock })
    startTabBadges(fakeBrowser as never, { writeDelayMs: 0, badgeFirstMs: 0 })
    await recordPageIds(TAB, [{ id: INQUIRY, kind: 'persona-inquiry' }])
    // The ticket's page shows its requester's email where the card's click reads it.
    Object.assign(fakeBrowser, {
      scripting: { executeScript: vi.fn(async () => [{ frameId: 0, result: { email: 'jane@doe.com', name: null, reference: null } }]) },
    })
  })
  afterEach(() => unregister())

  it("holds a card's match for its record for 15 minutes, and tells the side panel", async () => {
    fetch.mockImplementation(relayAnswers('match'))
    expect(await sendAs(PANEL(), 'heldRequesterMatch', { id: INQUIRY })).toBeNull()
    const checked = await sendAs(contentScript(TAB), 'checkTicketRequester', { id: INQUIRY })
    expect(checked).toMatchObject({ read: 'email', answer: { ok: true } })
    const madeAt = clock
    clock += 14 * MINUTE + 59_999
    expect(await sendAs(PANEL(), 'heldRequesterMatch', { id: INQUIRY })).toEqual({ field: 'email', at: madeAt })
    // Another record has no match of its own.
    expect(await sendAs(PANEL(), 'heldRequesterMatch', { id: OTHER })).toBeNull()
    clock += 1
    expect(await sendAs(PANEL(), 'heldRequesterMatch', { id: INQUIRY })).toBeNull()
  })

  it('holds a match typed in the side panel, but no no-match', async () => {
    fetch.mockImplementation(relayAnswers('no-match'))
    await sendAs(PANEL(), 'checkRequester', { id: INQUIRY, field: 'email', value: 'someone@example.com' })
    expect(await sendAs(PANEL(), 'heldRequesterMatch', { id: INQUIRY })).toBeNull()
    fetch.mockImplementation(relayAnswers('match'))
    await sendAs(PANEL(), 'checkRequester', { id: INQUIRY, field: 'email', value: 'jane@doe.com' })
    expect(await sendAs(PANEL(), 'heldRequesterMatch', { id: INQUIRY })).toEqual({ field: 'email', at: clock })
  })

  it('keeps no value, and tells no page', async () => {
    fetch.mockImplementation(relayAnswers('match'))
    await sendAs(contentScript(TAB), 'checkTicketRequester', { id: INQUIRY })
    const session = JSON.stringify(await fakeBrowser.storage.session.get(null))
    expect(session).toContain(INQUIRY)
    expect(session).not.toContain('jane@doe.com')
    await expect(sendAs(contentScript(TAB), 'heldRequesterMatch', { id: INQUIRY })).rejects.toThrow(/refused/)
  })

  it('drops the expired matches when it holds a new one', async () => {
    fetch.mockImplementation(relayAnswers('match'))
    await sendAs(PANEL(), 'checkRequester', { id: OTHER, field: 'name', value: 'Dana Customer' })
    clock += 15 * MINUTE
    await sendAs(PANEL(), 'checkRequester', { id: INQUIRY, field: 'email', value: 'jane@doe.com' })
    expect(Object.keys((await fakeBrowser.storage.session.get('requesterMatches')).requesterMatches as object)).toEqual([INQUIRY])
  })
})
