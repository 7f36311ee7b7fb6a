import { fakeBrowser } from 'wxt/testing/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AgentInfo } from '../lib/actions.ts'
import { managedPolicyItem } from '../lib/managed-policy.ts'
import { registerHandlers } from './handlers.ts'
import { createLookupBudget } from './lookup-budget.ts'
import { createRelay } from './relay-client.ts'
import { contentScript, extensionPage, sendAs } from '../../test-support/sender-fakes.ts'

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const CASE = 'case_Kc4Wq9Nx2Lt7Hv3Db8Rm6PsY'
const KEY = '0b6f1c2e-8d4a-4f3b-9c71-2a5e6d7f8a90'
const PANEL = () => extensionPage('sidepanel.html')
const LINK = 'https://withpersona.com/verify?code=otl_demo_1'
/** GET /v1/me as the relay answers it for an actor with every action (h/actions-relay's schema). */
const ME: AgentInfo = {
  agent: 'alice',
  roles: ['actor'],
  actions: ['one-time-link', 'tags', 'case-assign', 'case-status'],
  linkRequiresRequesterMatch: true,
  flagged: { tag: null, assignee: null, contact: null },
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('the action messages', () => {
  const fetch = vi.fn<typeof globalThis.fetch>()
  let unregister = () => {}
  const announce = vi.fn(async (ids: readonly string[]) => [...ids])
  const calls = () =>
    fetch.mock.calls.map(([input, init]) => ({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    }))

  beforeEach(async () => {
    fakeBrowser.reset()
    fetch.mockReset()
    const relay = createRelay({
      getSettings: async () => ({ workerUrl: 'https://relay.example', agentToken: 't' }),
      fetch,
      origin: 'chrome-extension://x',
    })
    const budget = createLookupBudget({ load: async () => null, save: async () => {}, now: () => 0 })
    announce.mockClear()
    unregister = registerHandlers(relay, { budget, scope: { allows: async () => true }, announce })
    await managedPolicyItem.setValue({ inquiryTags: ['vip', 'resent-link'] })
  })
  afterEach(() => unregister())

  it("should ask the relay for a new link with the click's Idempotency-Key and hand back the link only", async () => {
    fetch.mockResolvedValue(
      json({
        data: { type: 'inquiry', id: INQUIRY, attributes: { status: 'pending' } },
        meta: { 'one-time-link': LINK, 'one-time-link-short': 'https://perso.na/x' },
      }),
    )
    const result = await sendAs(PANEL(), 'runAction', {
      action: 'one-time-link',
      id: INQUIRY,
      input: { expiresInSeconds: 86_400 },
      idempotencyKey: KEY,
    })
    expect(result).toMatchObject({ ok: true, data: { link: LINK } })
    expect(result.ok && Object.keys(result.data)).toEqual(['link'])
    const [call] = calls()
    expect(call).toMatchObject({
      url: `https://relay.example/v1/persona/inquiries/${INQUIRY}/generate-one-time-link`,
      method: 'POST',
      body: { meta: { 'expires-in-seconds': 86_400 } },
    })
    expect(call!.headers.get('idempotency-key')).toBe(KEY)
  })

  it("should pass on the relay's refusal of a link before the requester was confirmed", async () => {
    fetch.mockResolvedValue(
      json(
        { type: 'about:blank', title: 'Forbidden', status: 403, code: 'requester-not-confirmed', detail: 'check the requester first' },
        403,
      ),
    )
    const result = await sendAs(PANEL(), 'runAction', { action: 'one-time-link', id: INQUIRY, idempotencyKey: KEY })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error.problem?.code).toBe('requester-not-confirmed')
  })

  it('should add and remove a team tag, assign a case and set its status, each one POST of the documented body', async () => {
    fetch.mockImplementation(async () => json({ data: { id: 'x', type: 'x', attributes: {} } }))
    await sendAs(PANEL(), 'runAction', { action: 'tags', id: INQUIRY, input: { tag: 'vip', on: true } })
    await sendAs(PANEL(), 'runAction', { action: 'tags', id: INQUIRY, input: { tag: 'vip', on: false } })
    await sendAs(PANEL(), 'runAction', { action: 'case-assign', id: CASE })
    await sendAs(PANEL(), 'runAction', { action: 'case-status', id: CASE, input: { status: 'Pending' } })
    expect(calls().map(({ url, method, body }) => [method, url.replace('https://relay.example', ''), body])).toEqual([
      ['POST', `/v1/persona/inquiries/${INQUIRY}/add-tag`, { meta: { 'tag-name': 'vip' } }],
      ['POST', `/v1/persona/inquiries/${INQUIRY}/remove-tag`, { meta: { 'tag-name': 'vip' } }],
      ['POST', `/v1/persona/cases/${CASE}/assign`, {}],
      ['POST', `/v1/persona/cases/${CASE}/set-status`, { meta: { status: 'Pending' } }],
    ])
  })

  it('should announce the object each write changed, and nothing for a write the relay refused', async () => {
    fetch.mockResolvedValueOnce(json({ data: { id: 'x', type: 'x', attributes: {} } }))
    await sendAs(PANEL(), 'runAction', { action: 'tags', id: INQUIRY, input: { tag: 'vip', on: true } })
    fetch.mockResolvedValueOnce(json({ data: { id: 'x', type: 'x', attributes: {} } }))
    await sendAs(PANEL(), 'runAction', { action: 'case-status', id: CASE, input: { status: 'Pending' } })
    fetch.mockResolvedValueOnce(json({ type: 'about:blank', title: 'Forbidden', status: 403, code: 'action-disabled', detail: 'off' }, 403))
    await sendAs(PANEL(), 'runAction', { action: 'case-assign', id: CASE })
    expect(announce.mock.calls).toEqual([[[INQUIRY]], [[CASE]]])
  })

  it("should tell a card the agent's actions, and nothing more of GET /v1/me; none when the relay cannot say", async () => {
    fetch.mockResolvedValueOnce(json(ME))
    expect(await sendAs(contentScript(7), 'agentActions')).toEqual(ME.actions)
    expect(calls()[0]!.url).toBe('https://relay.example/v1/me')
    fetch.mockResolvedValueOnce(json({ type: 'about:blank', title: 'Unauthorized', status: 401, code: 'unauthorized', detail: 'no' }, 401))
    expect(await sendAs(contentScript(7), 'agentActions')).toEqual([])
    fetch.mockResolvedValueOnce(json(ME))
    expect(await sendAs(PANEL(), 'agentInfo')).toMatchObject({ ok: true, data: ME })
  })

  describe('refuses, and calls nothing for,', () => {
    const fromContent = contentScript(7)
    it('every write and GET /v1/me from a content script (the card opens the side panel instead)', async () => {
      for (const [type, data] of [
        ['runAction', { action: 'one-time-link', id: INQUIRY, idempotencyKey: KEY }],
        ['runAction', { action: 'tags', id: INQUIRY, input: { tag: 'vip', on: true } }],
        ['runAction', { action: 'case-assign', id: CASE }],
        ['runAction', { action: 'case-status', id: CASE, input: { status: 'Open' } }],
        ['agentInfo', undefined],
      ] as const) {
        await expect(sendAs(fromContent, type, data as never), type).rejects.toThrow(/refused/)
      }
      expect(fetch).not.toHaveBeenCalled()
    })

    it('a link without a UUID Idempotency-Key, for what is not an inquiry, or with an expiry that is not whole seconds', async () => {
      for (const req of [
        { id: INQUIRY },
        { id: INQUIRY, idempotencyKey: 'again' },
        { id: 'iqse_T8PrqpoEhwhUV1wHReuU9ofs', idempotencyKey: KEY },
        { id: INQUIRY, idempotencyKey: KEY, input: { expiresInSeconds: 1.5 } },
        { id: INQUIRY, idempotencyKey: KEY, input: { expiresInSeconds: 30 } },
        { id: INQUIRY, idempotencyKey: KEY, input: { expiresInSeconds: 0 } },
      ]) {
        await expect(sendAs(PANEL(), 'runAction', { action: 'one-time-link', ...req }), JSON.stringify(req)).rejects.toThrow(/refused/)
      }
      expect(fetch).not.toHaveBeenCalled()
    })

    it("a tag outside the team's list, a case status not offered, an ID the action does not act on, or no vendor's action", async () => {
      await expect(sendAs(PANEL(), 'runAction', { action: 'tags', id: INQUIRY, input: { tag: 'made-up', on: true } })).rejects.toThrow(
        /refused/,
      )
      await expect(sendAs(PANEL(), 'runAction', { action: 'tags', id: INQUIRY, input: { tag: 'vip', on: 'yes' } })).rejects.toThrow(
        /refused/,
      )
      await expect(sendAs(PANEL(), 'runAction', { action: 'case-status', id: CASE, input: { status: 'deleted' } })).rejects.toThrow(
        /refused/,
      )
      await expect(sendAs(PANEL(), 'runAction', { action: 'case-assign', id: '../inquiries/x' })).rejects.toThrow(/refused/)
      await expect(sendAs(PANEL(), 'runAction', { action: 'case-assign', id: INQUIRY })).rejects.toThrow(/refused/)
      await expect(sendAs(PANEL(), 'runAction', { action: 'made-up', id: INQUIRY } as never)).rejects.toThrow(/refused/)
      expect(fetch).not.toHaveBeenCalled()
    })
  })
})
