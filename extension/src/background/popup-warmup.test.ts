import { fakeBrowser } from 'wxt/testing/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { PersonaInquiry } from '@idv-lens/shared/api'
import { POPUP_PAGE_SIZE, sessionSnapshot } from '../stores/list-snapshot.ts'
import { POPUP_TAB_NAMES } from '../pages/surface-tab.ts'
import { warmPopupList, warmPopupListOnce, warmupItem } from './popup-warmup.ts'
import { createRelay } from './relay-client.ts'

const NOW = 1_000_000
const inquiry = (n: number): PersonaInquiry =>
  ({
    type: 'inquiry',
    id: `inq_${String(n).padStart(24, 'A')}`,
    attributes: { status: 'completed', 'reference-id': `user-${n}`, 'created-at': '2026-01-01T00:00:00Z' },
  }) as PersonaInquiry
const inquiries = [inquiry(2), inquiry(1)]
const listAnswer = () => new Response(JSON.stringify({ data: inquiries, links: { prev: null, next: null } }), { status: 200 })

describe('warmPopupList', () => {
  const fetch = vi.fn<typeof globalThis.fetch>()
  const relay = (workerUrl = 'https://relay.example') =>
    createRelay({ getSettings: async () => ({ workerUrl, agentToken: 't' }), fetch, origin: 'chrome-extension://x', now: () => NOW })
  const snapshot = () => sessionSnapshot<PersonaInquiry>('inquiries', POPUP_PAGE_SIZE)

  beforeEach(() => {
    fakeBrowser.reset()
    fetch.mockReset()
  })

  it("should keep the popup's first page where the popup paints it from, with the popup's tabs, asked as background work", async () => {
    fetch.mockImplementation(async () => listAnswer())

    await warmPopupList(relay().handlers)

    expect((await snapshot().read())?.items.map((s) => s.id)).toEqual(inquiries.map((s) => s.id))
    // The first paint draws them with the rows, and cannot ask the registry for them.
    expect((await snapshot().read())?.tabs).toEqual(POPUP_TAB_NAMES)
    expect(POPUP_TAB_NAMES.length).toBeGreaterThan(1)
    expect(fetch).toHaveBeenCalledTimes(1)
    const [url, init] = fetch.mock.calls[0]!
    // The page the popup opens on: its inquiries.
    expect(new URL(String(url instanceof Request ? url.url : url)).pathname).toBe('/v1/persona/inquiries')
    expect(new URL(String(url instanceof Request ? url.url : url)).searchParams.get('page[size]')).toBe(String(POPUP_PAGE_SIZE))
    expect(new Headers(init?.headers ?? (url instanceof Request ? url.headers : undefined)).get('priority')).toBe('u=5')
  })

  it('should keep nothing when the relay is not configured or the call fails', async () => {
    await warmPopupList(relay('').handlers)
    fetch.mockImplementation(async () => new Response('{}', { status: 503 }))
    await warmPopupList(relay().handlers)

    expect(await snapshot().read()).toBeNull()
  })

  it('should never replace a page the popup itself kept meanwhile', async () => {
    const popupPage = { items: [inquiry(9)], cursor: null, fetched: { freshness: null, receivedAt: NOW } }
    fetch.mockImplementation(async () => {
      await snapshot().write(popupPage)
      return listAnswer()
    })

    await warmPopupList(relay().handlers)

    expect((await snapshot().read())?.items.map((s) => s.id)).toEqual([inquiry(9).id])
  })
  it('should ask once per browser session, whatever the service worker restarts', async () => {
    fetch.mockImplementation(async () => listAnswer())

    await warmPopupListOnce(relay().handlers)
    await warmPopupListOnce(relay().handlers)

    expect(fetch).toHaveBeenCalledTimes(1)
    expect((await snapshot().read())?.items).toHaveLength(inquiries.length)
    expect(await warmupItem.getValue()).toBe('done')
  })

  it('should say it is done when the call fails too (the browser tests wait for that before counting vendor calls)', async () => {
    fetch.mockImplementation(async () => {
      throw new TypeError('Failed to fetch')
    })
    await warmPopupListOnce(relay().handlers)
    expect(await warmupItem.getValue()).toBe('done')
  })
})
