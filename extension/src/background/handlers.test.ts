import { fakeBrowser } from 'wxt/testing/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { pendingDetailItem } from '../lib/pending-detail.ts'
import { managedTenantsItem } from '../lib/settings.ts'
import { registerHandlers } from './handlers.ts'
import { createLookupBudget } from './lookup-budget.ts'
import { createRelay } from './relay-client.ts'
import { recordPageIds, startTabBadges } from './tab-badge.ts'
import { contentScript, extensionPage, sendAs } from '../../test-support/sender-fakes.ts'
import type { Sender } from './sender-policy.ts'

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const EVENT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'
const POPUP = () => extensionPage('popup.html')
const TAB = 7

/** Relay lookups answer every ID as found; `fetch` counts the relay calls. */
const lookupAnswer = (url: string) => {
  const ids = new URL(url).searchParams.get('ids')!.split(',')
  const data = ids.map((id) => ({
    found: true,
    id,
    kind: 'persona-inquiry',
    provider: 'persona',
    type: 'inquiry',
    status: 'approved',
    createdAt: null,
    updatedAt: null,
    details: {},
  }))
  return new Response(JSON.stringify({ data }), { status: 200 })
}

/** `n` distinct inquiry IDs (24 base58 characters after `inq_`). */
const inquiries = (n: number, from = 0) =>
  Array.from(
    { length: n },
    (_, i) =>
      `inq_${String(from + i)
        .padStart(4, 'A')
        .replace(/0/g, 'z')}zEx4jL84ShbUyuwX6AzP`,
  )

describe('registerHandlers', () => {
  const fetch = vi.fn<typeof globalThis.fetch>()
  let unregister = () => {}
  let clock = 1_000_000

  beforeEach(() => {
    fakeBrowser.reset()
    fetch.mockReset()
    clock = 1_000_000
    const relay = createRelay({
      getSettings: async () => ({ workerUrl: 'https://relay.example', agentToken: 't' }),
      fetch,
      origin: 'chrome-extension://x',
    })
    const entries = new Map<number, Record<string, Record<string, number>>>()
    const budget = createLookupBudget({
      load: async (tabId) => entries.get(tabId) ?? null,
      save: async (tabId, e) => void (e ? entries.set(tabId, e) : entries.delete(tabId)),
      now: () => clock,
    })
    unregister = registerHandlers(relay, { budget })
    // No tab's IDs (as at a service-worker start); the card's tab reported INQUIRY from its top frame.
    startTabBadges(fakeBrowser as never, { writeDelayMs: 0, badgeFirstMs: 0 })
    return recordPageIds(TAB, [{ id: INQUIRY, kind: 'persona-inquiry' }])
  })
  afterEach(() => unregister())

  it('should answer a list message from an extension page through the relay', async () => {
    fetch.mockResolvedValue(new Response(JSON.stringify({ data: [], links: { prev: null, next: null } }), { status: 200 }))
    const result = await sendAs(extensionPage('sidepanel.html'), 'listRecords', { list: 'events', query: { 'filter[object-id]': INQUIRY } })
    expect(result).toMatchObject({ ok: true, data: { data: [] } })
  })

  it('should refuse a list or a record no vendor has, or an ID of another kind, without calling the relay', async () => {
    await expect(sendAs(POPUP(), 'listRecords', { list: 'verifications' })).rejects.toThrow(/refused/)
    await expect(sendAs(POPUP(), 'listRecords', { list: 'events', query: { 'page[size]': 10 } } as never)).rejects.toThrow(/refused/)
    await expect(sendAs(POPUP(), 'getRecord', { kind: 'persona-verification', id: EVENT } as never)).rejects.toThrow(/refused/)
    await expect(sendAs(POPUP(), 'getRecord', { kind: 'persona-inquiry', id: EVENT })).rejects.toThrow(/refused/)
    expect(fetch).not.toHaveBeenCalled()
  })

  it('should turn an unexpected exception into an internal failure instead of a rejection', async () => {
    fetch.mockImplementation(() => {
      throw new Error('boom')
    })
    // The no-cors probe throws too; the message still resolves.
    const result = await sendAs(POPUP(), 'getRecord', { kind: 'persona-event', id: EVENT })
    expect(result.ok).toBe(false)
  })

  it('should open the side panel on the tab the popup names and leave the ID for it', async () => {
    const open = vi.fn(async () => {})
    Object.assign(fakeBrowser, { sidePanel: { open } })

    await sendAs(POPUP(), 'openDetail', { id: INQUIRY, tabId: 3 })

    expect(open).toHaveBeenCalledWith({ tabId: 3 })
    expect(await pendingDetailItem.getValue()).toMatchObject({ id: INQUIRY })
  })

  it('should still leave the ID when Chrome refuses to open the panel', async () => {
    Object.assign(fakeBrowser, { sidePanel: { open: vi.fn(async () => Promise.reject(new Error('user gesture'))) } })
    await sendAs(POPUP(), 'openDetail', { id: EVENT, tabId: 3 })
    expect(await pendingDetailItem.getValue()).toMatchObject({ id: EVENT })
  })

  describe('refuses, and does nothing for,', () => {
    // A content script runs inside pages we do not control: it gets none of the page-only messages.
    const fromContent = contentScript(TAB)
    // A sender of another extension, or with no URL at all.
    const strangers: [string, Sender][] = [
      ['a content script', fromContent],
      ["another extension's page", { id: 'other-extension', url: 'chrome-extension://other-extension/popup.html' }],
      ['a sender without a URL', { id: fakeBrowser.runtime.id }],
      ['a page of our ID but a web origin', { id: fakeBrowser.runtime.id, url: 'https://evil.example/' }],
    ]

    it.each(strangers)('lists and details from %s', async (_name, sender) => {
      for (const [type, data] of [
        ['listRecords', { list: 'sessions' }],
        ['listRecords', { list: 'inquiries' }],
        ['listRecords', { list: 'events' }],
        ['listRecords', { list: 'deepidv' }],
        ['listRecords', { list: 'cases', query: { 'filter[inquiry-id]': INQUIRY } }],
        ['getRecord', { kind: 'persona-inquiry', id: INQUIRY }],
        ['getRecord', { kind: 'persona-inquiry-session', id: 'iqse_T8PrqpoEhwhUV1wHReuU9ofs' }],
        ['getRecord', { kind: 'persona-event', id: EVENT }],
        ['getRecord', { kind: 'deepidv-session', id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890' }],
        ['readHistory', { referenceId: 'user-7431' }],
        // A content script would be a way to probe who a person is: the check is the side panel's only.
        ['checkRequester', { id: INQUIRY, field: 'email', value: 'someone@example.com' }],
      ] as const) {
        await expect(sendAs(sender, type, data as never), type).rejects.toThrow(/refused/)
      }
      expect(fetch).not.toHaveBeenCalled()
    })

    it.each(strangers)('a connection test from %s (it would probe any URL)', async (_name, sender) => {
      await expect(sendAs(sender, 'testConnection', { workerUrl: 'http://10.0.0.1:8080', agentToken: 'x' })).rejects.toThrow(/refused/)
      await expect(sendAs(sender, 'relayAuthMode', { workerUrl: 'http://10.0.0.1:8080' })).rejects.toThrow(/refused/)
      expect(fetch).not.toHaveBeenCalled()
    })

    it('a detail opened by another extension', async () => {
      const open = vi.fn(async () => {})
      Object.assign(fakeBrowser, { sidePanel: { open } })
      await expect(sendAs(strangers[1]![1], 'openDetail', { id: INQUIRY, tabId: 3 })).rejects.toThrow(/refused/)
      expect(open).not.toHaveBeenCalled()
      expect(await pendingDetailItem.getValue()).toBeNull()
    })

    it('a detail for something that is not an ID', async () => {
      await expect(sendAs(fromContent, 'openDetail', { id: 'javascript:alert(1)' })).rejects.toThrow(/refused/)
      expect(await pendingDetailItem.getValue()).toBeNull()
    })

    it('a detail section that is not one of the two a card leads to', async () => {
      await expect(sendAs(fromContent, 'openDetail', { id: INQUIRY, section: 'javascript:alert(1)' } as never)).rejects.toThrow(/refused/)
      expect(await pendingDetailItem.getValue()).toBeNull()
    })

    it('lookups of more than 100 IDs, of no IDs, or of anything that is not an ID', async () => {
      for (const ids of [
        inquiries(101),
        [],
        [INQUIRY, 'inq_short'],
        [INQUIRY, 'https://evil.example/?q=1'],
        [INQUIRY, 42],
        'inq_zEx4jL84ShbUyuwX6AzPSqt6',
      ]) {
        await expect(sendAs(fromContent, 'lookupIds', { ids } as never), JSON.stringify(ids)).rejects.toThrow(/refused/)
        await expect(sendAs(POPUP(), 'lookupIds', { ids } as never), JSON.stringify(ids)).rejects.toThrow(/refused/)
      }
      expect(fetch).not.toHaveBeenCalled()
    })
  })

  it("should open a content script's detail on its own tab, whatever tab the message names", async () => {
    const open = vi.fn(async () => {})
    Object.assign(fakeBrowser, { sidePanel: { open } })
    await sendAs(contentScript(TAB), 'openDetail', { id: INQUIRY, tabId: 99 })
    expect(open).toHaveBeenCalledWith({ tabId: TAB })
  })

  it("should refuse a content script's detail of an ID its own frame never reported, opening nothing", async () => {
    const open = vi.fn(async () => {})
    Object.assign(fakeBrowser, { sidePanel: { open } })
    // Frame 3 of the same tab reported EVENT; the top frame only INQUIRY.
    await recordPageIds(TAB, [{ id: EVENT, kind: 'persona-event' }], 3)
    const refusals = [
      sendAs(contentScript(TAB), 'openDetail', { id: EVENT }),
      sendAs(contentScript(TAB, 'https://acme.zendesk.com/agent/tickets/1', 3), 'openDetail', { id: INQUIRY }),
      sendAs(contentScript(TAB + 1), 'openDetail', { id: INQUIRY }),
      sendAs(contentScript(TAB), 'openDetail', { id: 'inq_NeverOnThisPage000000000' }),
    ]
    for (const refusal of refusals) await expect(refusal).rejects.toThrow(/refused.*frame reported/)
    expect(open).not.toHaveBeenCalled()
    expect(await pendingDetailItem.getValue()).toBeNull()
    // Each frame's own ID opens; after a worker restart too (the reports read back from storage.session).
    await sendAs(contentScript(TAB, 'https://acme.zendesk.com/agent/tickets/1', 3), 'openDetail', { id: EVENT })
    expect(await pendingDetailItem.getValue()).toMatchObject({ id: EVENT })
    startTabBadges(fakeBrowser as never, { writeDelayMs: 0, badgeFirstMs: 0 })
    await sendAs(contentScript(TAB), 'openDetail', { id: INQUIRY })
    expect(await pendingDetailItem.getValue()).toMatchObject({ id: INQUIRY })
    await expect(sendAs(contentScript(TAB), 'openDetail', { id: EVENT })).rejects.toThrow(/refused/)
    expect(open).toHaveBeenCalledTimes(2)
  })

  it("should leave the section a card's button asked for with the ID", async () => {
    Object.assign(fakeBrowser, { sidePanel: { open: vi.fn(async () => {}) } })
    await sendAs(contentScript(TAB), 'openDetail', { id: INQUIRY, section: 'requester' })
    expect(await pendingDetailItem.getValue()).toMatchObject({ id: INQUIRY, section: 'requester' })
  })

  it("should send the requester check's value in a POST body, never in the URL, and answer the result", async () => {
    fetch.mockResolvedValue(
      new Response(JSON.stringify({ data: { id: INQUIRY, field: 'email', result: 'no-match' } }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    )
    const result = await sendAs(extensionPage('sidepanel.html'), 'checkRequester', {
      id: INQUIRY,
      field: 'email',
      value: 'someone@example.com',
    })
    expect(result).toMatchObject({ ok: true, data: { data: { result: 'no-match' } } })
    const [input, init] = fetch.mock.calls[0]!
    const url = input instanceof Request ? input.url : String(input)
    expect(url).toBe('https://relay.example/v1/requester-check')
    expect(url).not.toContain('someone')
    const body = input instanceof Request ? await input.clone().text() : String(init?.body)
    expect(JSON.parse(body)).toEqual({ id: INQUIRY, field: 'email', value: 'someone@example.com' })
  })

  it("should look up a content script's IDs", async () => {
    fetch.mockImplementation(async (input) => lookupAnswer(String(input)))
    const result = await sendAs(contentScript(TAB), 'lookupIds', { ids: [INQUIRY] })
    expect(result).toMatchObject({ ok: true, data: { data: [{ id: INQUIRY, found: true }] } })
    expect(result.overBudget).toBeUndefined()
  })

  it("should refuse the lookups of a frame whose tab shows a page the agent does not work on, and outside the team's tenants", async () => {
    fetch.mockImplementation(async (input) => lookupAnswer(String(input)))
    // https://www.attacker-site.com/ frames https://evil.zendesk.com/agent/tickets/9: the browser shows us no tab URL.
    const framed = { ...contentScript(TAB, 'https://evil.zendesk.com/agent/tickets/9', 5), tab: { id: TAB, windowId: 1 } as Sender['tab'] }
    await expect(sendAs(framed, 'lookupIds', { ids: [INQUIRY] })).rejects.toThrow(/refused.*page the agent works on/)
    const overHelpCenter = contentScript(TAB, 'https://acme.zendesk.com/agent/tickets/9', 5, 'https://acme.zendesk.com/hc/en-us')
    await expect(sendAs(overHelpCenter, 'lookupIds', { ids: [INQUIRY] })).rejects.toThrow(/refused/)
    expect(fetch).not.toHaveBeenCalled()

    await managedTenantsItem.setValue(['acme.zendesk.com'])
    await expect
      .poll(() =>
        sendAs(contentScript(TAB, 'https://evil.zendesk.com/agent/tickets/9'), 'lookupIds', { ids: [INQUIRY] }).catch(
          (e: Error) => e.message,
        ),
      )
      .toMatch(/refused/)
    expect(fetch).not.toHaveBeenCalled()
    expect(await sendAs(contentScript(TAB), 'lookupIds', { ids: [INQUIRY] })).toMatchObject({ ok: true })
  })

  describe('the lookup budget', () => {
    it('should look up at most 300 distinct IDs per page in 10 minutes, say why for the rest, and count each tab apart', async () => {
      fetch.mockImplementation(async (input) => lookupAnswer(String(input)))
      const ids = inquiries(400)
      for (let i = 0; i < 300; i += 100) {
        const r = await sendAs(contentScript(TAB), 'lookupIds', { ids: ids.slice(i, i + 100) })
        expect(r.ok).toBe(true)
      }
      expect(fetch).toHaveBeenCalledTimes(3)

      // The 301st distinct ID is not sent to the relay; the answer says why and when there is room.
      const over = await sendAs(contentScript(TAB), 'lookupIds', { ids: ids.slice(300, 350) })
      expect(over).toMatchObject({ ok: false, error: { kind: 'over-budget', retryAfter: 600, reason: { count: 300, scope: 'page' } } })
      expect(fetch).toHaveBeenCalledTimes(3)

      // IDs already counted are free to ask again (a hover refresh); new ones in the same batch are refused.
      const mixed = await sendAs(contentScript(TAB), 'lookupIds', { ids: [ids[0]!, ids[350]!] })
      expect(mixed).toMatchObject({ ok: true, overBudget: { ids: [ids[350]], failure: { kind: 'over-budget' } } })
      expect(String(fetch.mock.calls.at(-1)![0])).toContain(ids[0])
      expect(String(fetch.mock.calls.at(-1)![0])).not.toContain(ids[350])

      // Another tab has its own budget; the extension's own pages are not counted against a tab.
      expect((await sendAs(contentScript(TAB + 1), 'lookupIds', { ids: [ids[399]!] })).ok).toBe(true)
      expect((await sendAs(POPUP(), 'lookupIds', { ids: [ids[398]!] })).ok).toBe(true)

      // Ten minutes after the first IDs were counted, there is room again.
      clock += 10 * 60_000
      expect(await sendAs(contentScript(TAB), 'lookupIds', { ids: ids.slice(300, 350) })).toMatchObject({ ok: true })
    })

    it("should give the next ticket of a tab its own budget, count the tab's pages together, and read the page from the tab", async () => {
      fetch.mockImplementation(async (input) => lookupAnswer(String(input)))
      const ticket = (n: number, fragment = '') => contentScript(TAB, `https://acme.zendesk.com/agent/tickets/${n}${fragment}`)
      const ids = inquiries(1100)
      for (let i = 0; i < 300; i += 100) expect((await sendAs(ticket(1), 'lookupIds', { ids: ids.slice(i, i + 100) })).ok).toBe(true)
      expect(await sendAs(ticket(1, '#comment-4'), 'lookupIds', { ids: ids.slice(300, 301) })).toMatchObject({
        ok: false,
        error: { kind: 'over-budget' },
      })
      // The single-page app routes to the next ticket (a path, or a hash route): statuses again.
      expect(await sendAs(ticket(2), 'lookupIds', { ids: ids.slice(300, 301) })).toMatchObject({ ok: true })
      expect(
        await sendAs(contentScript(TAB, 'https://acme.zendesk.com/agent/#/tickets/3'), 'lookupIds', { ids: ids.slice(301, 302) }),
      ).toMatchObject({ ok: true })
      // A frame of the ticket counts against the tab's page (its own URL is an email body's about:srcdoc).
      const frame = {
        ...contentScript(TAB, 'about:srcdoc', 3),
        tab: { id: TAB, windowId: 1, url: 'https://acme.zendesk.com/agent/tickets/1' } as Sender['tab'],
      }
      expect(await sendAs(frame, 'lookupIds', { ids: ids.slice(302, 303) })).toMatchObject({ ok: false, error: { kind: 'over-budget' } })
      // Still bounded per tab: a page that keeps changing its route gets no more than 1,000 new IDs in the window.
      let page = 10
      for (let i = 302; i < 1000; i += 100)
        expect((await sendAs(ticket(page++), 'lookupIds', { ids: ids.slice(i, Math.min(i + 100, 1000)) })).ok).toBe(true)
      const tabOver = await sendAs(ticket(page++), 'lookupIds', { ids: ids.slice(1000, 1001) })
      expect(tabOver).toMatchObject({ ok: false, error: { kind: 'over-budget', reason: { count: 1000 } } })
      expect((tabOver as { error: { reason: { scope?: string } } }).error.reason.scope).toBeUndefined()
      // An ID the tab already counted costs another page nothing of the tab's budget.
      expect(await sendAs(ticket(page++), 'lookupIds', { ids: ids.slice(0, 1) })).toMatchObject({ ok: true })
    })
  })
})
