// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { signal } from '@preact/signals'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LiveEvent } from '@idv-lens/shared/api'
import { createLiveStore, type LiveStatus, type LiveStore } from '../stores/live-store.ts'
import { ErrorBanner } from '../components/ErrorBanner.tsx'
import { LiveEvents } from './LiveEvents.tsx'
import { createLiveFilter } from '../stores/live-filter.ts'
import type { Watch } from '../lib/watches.ts'
import type { RelayFailure, Send } from '../lib/messages.ts'

const DEEPIDV_SESSION = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
const EVENTS: LiveEvent[] = [
  {
    seq: 2,
    vendor: 'deepidv',
    id: 'dpv_0123456789abcdef0123456789abcdef',
    name: 'session.status.verified',
    objectType: 'session',
    objectId: DEEPIDV_SESSION,
    status: 'VERIFIED',
    createdAt: '2026-01-01T10:01:00.000Z',
  },
  {
    seq: 1,
    vendor: 'persona',
    id: 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a',
    name: 'inquiry.approved',
    objectType: 'inquiry',
    objectId: 'inq_zEx4jL84ShbUyuwX6AzPSqt6',
    status: 'approved',
    createdAt: '2026-01-01T10:00:00.000Z',
  },
]

function store(status: LiveStatus, events: LiveEvent[] = EVENTS, refusal: RelayFailure | null = null) {
  return { status: signal(status), events: signal(events), problem: signal(null), refusal: signal(refusal) } as unknown as LiveStore
}

describe('LiveEvents', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => render(null, root))
  const q = (sel: string) => [...root.querySelectorAll<HTMLElement>(sel)]

  it('should show the events newest first with a live indicator, and open each through its normal route', () => {
    const onOpen = vi.fn()
    act(() => render(<LiveEvents live={store('live')} onOpen={onOpen} />, root))
    expect(q('[data-testid=live-indicator]')[0]!.textContent).toBe('live')
    expect(q('[data-testid=live-name]').map((e) => e.dataset.name)).toEqual(['session.status.verified', 'inquiry.approved'])
    // Each row leads with what happened in words (its vendor's registry), its status beside it; the ID comes after.
    const leads = q('[data-testid=live-event]').map((row) => row.firstElementChild!)
    expect(leads.map((lead) => lead.querySelector('[data-testid=live-name]')?.textContent)).toEqual([
      'Session verified',
      'Inquiry approved',
    ])
    expect(leads.every((lead) => lead.querySelector('[data-testid=live-open]') === null)).toBe(true)
    const opens = q('[data-testid=live-open]')
    act(() => opens[0]!.click())
    act(() => opens[1]!.click())
    // deepidv: its session; Persona: the event (whose detail shows the object).
    expect(onOpen.mock.calls).toEqual([[DEEPIDV_SESSION], ['evt_o9byQRbjygu76Jbtea9wuJ1boP7a']])
  })

  it("should narrow the feed to the watched IDs or this tab's IDs when the agent picks that", () => {
    const watched: Watch = {
      id: 'inq_zEx4jL84ShbUyuwX6AzPSqt6',
      kind: 'persona-inquiry',
      status: 'pending',
      caseId: null,
      caseStatus: null,
      since: 0,
      changedAt: null,
      observedAt: 0,
    }
    const filter = createLiveFilter(signal([watched]), signal([{ id: DEEPIDV_SESSION, kind: 'deepidv-session' as const }]))
    act(() => render(<LiveEvents live={store('live')} onOpen={() => {}} filter={filter} />, root))
    const names = () => q('[data-testid=live-name]').map((e) => e.dataset.name)
    expect(names()).toEqual(['session.status.verified', 'inquiry.approved'])
    act(() => q('[data-testid=live-scope-watched]')[0]!.click())
    expect(names()).toEqual(['inquiry.approved'])
    act(() => q('[data-testid=live-scope-page]')[0]!.click())
    expect(names()).toEqual(['session.status.verified'])
    expect(q('[data-scope=page]')[0]!.textContent).toBe('This tab 1')
    act(() => q('[data-testid=live-scope-all]')[0]!.click())
    expect(names()).toHaveLength(2)
  })

  it('should say what refused it, with the way to the settings and without the feed, when only the settings can fix it', () => {
    const refused: RelayFailure = { kind: 'unauthorized', reason: { code: 'token-refused', status: 401 } }
    act(() => render(<LiveEvents live={store('refused', EVENTS, refused)} onOpen={() => {}} />, root))
    expect(q('[data-testid=live-indicator]')[0]!.textContent).toBe('not connected')
    expect(q('[data-testid=error-unauthorized]')[0]!.textContent).toContain('The relay refused the agent token (HTTP 401).')
    expect(q('[data-testid=open-settings]')).toHaveLength(1)
    expect(q('[data-testid=live-event]')).toHaveLength(0)
    expect(q('[data-testid=live-empty]')).toHaveLength(0)
  })

  it('should say when it reconnects or polls instead', () => {
    act(() => render(<LiveEvents live={store('reconnecting')} onOpen={() => {}} />, root))
    expect(q('[data-testid=live-indicator]')[0]!.dataset.status).toBe('reconnecting')
    act(() => render(<LiveEvents live={store('polling', [])} onOpen={() => {}} />, root))
    expect(q('[data-testid=live-indicator]')[0]!.textContent).toMatch(/refreshing every 20 s/)
    expect(q('[data-testid=live-event]')).toHaveLength(0)
  })

  it("should say the relay cannot be reached in the lists' words while it tries again, and no more once live", async () => {
    const down: RelayFailure = { kind: 'unreachable', reason: { code: 'cannot-reach', relay: 'https://relay.example' } }
    const timers: (() => void)[] = []
    const answers = [
      { ok: false, error: down },
      { ok: true, data: { configured: false } },
    ]
    const send = vi.fn(async () => answers.shift())
    const live = createLiveStore({
      send: send as unknown as Send,
      setTimeout: (fn) => timers.push(fn),
      clearTimeout: () => {},
      random: () => 1,
    })
    act(() => render(<LiveEvents live={live} onOpen={() => {}} />, root))
    act(() => live.start())
    await vi.waitFor(() => expect(q('[data-testid=error-unreachable]')).toHaveLength(1))
    // The list tabs' banner for the same failure (components/ErrorBanner.tsx, through ListView's Notices).
    const lists = document.createElement('div')
    render(<ErrorBanner state={{ failure: down, retryAt: null }} onRetry={() => {}} shown={null} />, lists)
    expect(q('[data-testid=error-unreachable] [role=alert]')[0]!.textContent).toBe(lists.querySelector('[role=alert]')!.textContent)
    expect(q('[data-testid=error-unreachable]')[0]!.textContent).toContain('Relay unreachable')
    expect(q('[data-testid=live-indicator]')[0]!.dataset.status).toBe('reconnecting')
    act(() => timers.shift()!())
    await vi.waitFor(() => expect(q('[data-testid=live-indicator]')[0]!.dataset.status).toBe('polling'))
    expect(q('[data-testid=error-unreachable]')).toHaveLength(0)
    live.stop()
  })

  it('should announce arrivals in a status region, with the ticking times outside any live region', () => {
    const live = store('live')
    act(() => render(<LiveEvents live={live} onOpen={() => {}} />, root))
    const announcer = q('[data-testid=live-announcer]')[0]!
    expect(announcer.getAttribute('role')).toBe('status')
    expect(announcer.textContent, 'what was there on opening is not news').toBe('')
    // Only the announcer is live: a row's "12 s ago" is never inside an aria-live region.
    expect(q('[aria-live] time, [role=status] time, [role=alert] time')).toHaveLength(0)
    act(() => {
      live.events.value = [{ ...EVENTS[0]!, seq: 3, name: 'session.status.rejected' }, ...EVENTS]
    })
    expect(announcer.textContent).toBe('New live events since you opened this: 1')
  })

  it('should mark the rows the agent has not seen as new', () => {
    act(() => render(<LiveEvents live={store('live')} onOpen={() => {}} unseen={{ isNew: (e) => e.seq === 2 }} />, root))
    expect(q('[data-testid=live-event]').map((e) => e.dataset.new ?? null)).toEqual(['true', null])
    expect(q('[data-testid=live-new]').map((e) => e.textContent)).toEqual(['new'])
  })
})
