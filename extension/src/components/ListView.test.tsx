// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { PersonaEvent } from '@idv-lens/shared/api'
import type { RelayResult, Send } from '../lib/messages.ts'
import { listSource } from '../stores/list-sources.ts'
import { vendorList } from '../vendors/index.ts'
import { createListStore } from '../stores/list-store.ts'
import { ListView, Notices } from './ListView.tsx'
import { EventRow } from '../vendors/persona/EventRow.tsx'

const eventsSource = listSource(vendorList('events')!)

const EVENT: PersonaEvent = {
  type: 'event',
  id: 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a',
  attributes: {
    name: 'inquiry.approved',
    'created-at': new Date().toISOString(),
    payload: { data: { type: 'inquiry', id: 'inq_zEx4jL84ShbUyuwX6AzPSqt6', attributes: { status: 'approved' } } },
  },
}

const listWith = (...answers: RelayResult<unknown>[]) =>
  createListStore(eventsSource, { send: vi.fn(async () => answers.shift()) as unknown as Send, pageSize: 1 })

const page = (items: PersonaEvent[], next: string | null): RelayResult<unknown> => ({
  ok: true,
  data: { data: items, links: { prev: null, next } },
  freshness: null,
  receivedAt: Date.now(),
})

describe('ListView', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => render(null, root))
  // The banners' code is a chunk of its own (the popup's first screen does without): in before rendering.
  beforeAll(async () => void (await Notices.load()))
  const view = (list: ReturnType<typeof listWith>, onOpen = vi.fn()) =>
    act(() =>
      render(<ListView list={list} kind="events" paged renderRow={(e) => <EventRow item={e as PersonaEvent} onOpen={onOpen} />} />, root),
    )
  const $ = (testId: string) => root.querySelector(`[data-testid=${testId}]`)

  it('should show skeletons before the first page, never a blank list', () => {
    view(listWith())
    expect($('skeleton')).not.toBeNull()
  })

  it('should keep a failure on screen while it asks again, never swapping it for skeletons', async () => {
    const failure = { ok: false, error: { kind: 'unreachable', reason: { code: 'timeout', relay: 'https://r.example' } } }
    const send = vi
      .fn()
      .mockResolvedValueOnce(failure)
      .mockReturnValueOnce(new Promise(() => {}))
    const list = createListStore(eventsSource, { send: send as unknown as Send, pageSize: 1 })
    await act(() => list.load())
    view(list)
    act(() => void list.load())
    expect(list.status.value).toBe('loading')
    expect($('list')?.getAttribute('aria-busy')).toBe('true')
    expect($('error-unreachable')).not.toBeNull()
    expect($('skeleton')).toBeNull()
  })

  it('should render rows with their IDs, the event name and the object, and open either', async () => {
    const onOpen = vi.fn()
    const list = listWith(page([EVENT], '/v1/persona/events?page%5Bafter%5D=evt_o9byQRbjygu76Jbtea9wuJ1boP7a'))
    await act(() => list.load())
    view(list, onOpen)
    const row = root.querySelector<HTMLElement>('[data-testid=row]')!
    expect(row.dataset.id).toBe(EVENT.id)
    // It leads with what happened in words (the name as sent on hover), the ID after.
    const lead = row.querySelector('.row-lead')!
    expect(lead.querySelector('[data-testid=event-name]')?.textContent).toBe('Inquiry approved')
    expect(lead.querySelector<HTMLElement>('[data-testid=event-name]')?.title).toBe('inquiry.approved')
    expect(lead.compareDocumentPosition(row.querySelector('[data-testid=row-open]')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    expect(row.querySelector('[data-testid=status]')?.textContent).toBe('approved')
    expect(row.querySelector('[data-testid=time]')?.getAttribute('title')).toBeTruthy()
    act(() => row.querySelector<HTMLButtonElement>('[data-testid=row-open]')!.click())
    act(() => row.querySelector<HTMLButtonElement>('[data-testid=event-object] button')!.click())
    expect(onOpen.mock.calls).toEqual([[EVENT.id], ['inq_zEx4jL84ShbUyuwX6AzPSqt6']])
    expect($('load-more')).not.toBeNull()
  })

  it('should say when there is nothing, and when filters match nothing', async () => {
    const list = listWith(page([], null), page([], null))
    await act(() => list.load())
    view(list)
    expect($('empty')?.textContent).toBe('No Persona events yet.')
    await act(async () => list.setFilters({ 'filter[name]': 'inquiry.failed' }))
    await vi.waitFor(() => expect($('empty')?.textContent).toBe('No Persona events match these filters.'))
  })

  it.each([
    ['unreachable', 'retry'],
    ['unauthorized', 'open-settings'],
    ['not-configured', 'open-settings'],
    ['upstream', 'retry'],
  ] as const)('should show the %s banner with its action', async (kind, action) => {
    const list = listWith({ ok: false, error: { kind, reason: { code: 'timeout', relay: `https://${kind}.example` } } })
    await act(() => list.load())
    view(list)
    const banner = $(`error-${kind}`)
    // The alert is the failure itself; the retry countdown and "data from 2 min ago" tick outside it,
    // so a screen reader is not read a clock every second.
    const alert = banner?.querySelector('[role=alert]')
    expect(alert?.textContent).toContain(`The relay at https://${kind}.example did not answer in time.`)
    expect(banner?.getAttribute('role')).toBeNull()
    expect(alert?.querySelector('[data-testid=retry], [data-testid=stale-note]')).toBeNull()
    expect(banner?.textContent).toContain(`The relay at https://${kind}.example did not answer in time.`)
    expect(banner?.querySelector(`[data-testid=${action}]`)).not.toBeNull()
  })

  it('should move focus to the rows a Retry brought, not drop it on the page body', async () => {
    const list = listWith(
      { ok: false, error: { kind: 'unreachable', reason: { code: 'timeout', relay: 'https://r.example' } } },
      page([EVENT], null),
    )
    await act(() => list.load())
    view(list)
    const retry = $('retry') as HTMLButtonElement
    retry.focus()
    await act(async () => {
      retry.click()
      await vi.waitFor(() => expect(list.status.value).toBe('ready'))
    })
    expect($('retry')).toBeNull()
    expect(document.activeElement?.closest('[data-testid=row]')?.getAttribute('data-id')).toBe(EVENT.id)
  })

  it('should keep rows on screen, marked stale, when a refresh fails', async () => {
    const list = listWith(page([EVENT], null), { ok: false, error: { kind: 'upstream', reason: { code: 'relay-problem' } } })
    await act(() => list.load())
    await act(() => list.load(true))
    view(list)
    expect(root.querySelectorAll('[data-testid=row]')).toHaveLength(1)
    expect($('stale-note')?.textContent).toMatch(/^Showing data from/)
  })
})
