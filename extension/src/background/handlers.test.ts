import { fakeBrowser } from 'wxt/testing/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sendMessage } from '../lib/messages.ts'
import { pendingDetailItem } from '../lib/pending-detail.ts'
import { registerHandlers } from './handlers.ts'
import { createRelay } from './relay-client.ts'

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const EVENT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'

describe('registerHandlers', () => {
  const fetch = vi.fn<typeof globalThis.fetch>()
  let unregister = () => {}

  beforeEach(() => {
    fakeBrowser.reset()
    fetch.mockReset()
    const relay = createRelay({ getSettings: async () => ({ workerUrl: 'https://relay.example', agentToken: 't' }), fetch, origin: 'chrome-extension://x' })
    unregister = registerHandlers(relay)
  })
  afterEach(() => unregister())

  it('should answer a list message through the relay', async () => {
    fetch.mockResolvedValue(new Response(JSON.stringify({ data: [], links: { prev: null, next: null } }), { status: 200 }))
    const result = await sendMessage('listEvents', { query: { 'filter[object-id]': INQUIRY } })
    expect(result).toMatchObject({ ok: true, data: { data: [] } })
  })

  it('should turn an unexpected exception into an internal failure instead of a rejection', async () => {
    fetch.mockImplementation(() => {
      throw new Error('boom')
    })
    // The no-cors probe throws too; the message still resolves.
    const result = await sendMessage('getEvent', { id: EVENT })
    expect(result.ok).toBe(false)
  })

  it('should open the side panel on the tab and leave the ID for it', async () => {
    const open = vi.fn(async () => {})
    Object.assign(fakeBrowser, { sidePanel: { open } })

    await sendMessage('openDetail', { id: INQUIRY, tabId: 3 })

    expect(open).toHaveBeenCalledWith({ tabId: 3 })
    expect(await pendingDetailItem.getValue()).toMatchObject({ id: INQUIRY })
  })

  it('should still leave the ID when Chrome refuses to open the panel', async () => {
    Object.assign(fakeBrowser, { sidePanel: { open: vi.fn(async () => Promise.reject(new Error('user gesture'))) } })
    await sendMessage('openDetail', { id: EVENT, tabId: 3 })
    expect(await pendingDetailItem.getValue()).toMatchObject({ id: EVENT })
  })
})
