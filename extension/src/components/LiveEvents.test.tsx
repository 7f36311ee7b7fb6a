// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { signal } from '@preact/signals'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LiveEvent } from '@idv-lens/shared/api'
import type { LiveStatus, LiveStore } from '../stores/live-store.ts'
import { LiveEvents } from './LiveEvents.tsx'

const DEEPIDV_SESSION = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
const EVENTS: LiveEvent[] = [
  { seq: 2, vendor: 'deepidv', id: 'dpv_0123456789abcdef0123456789abcdef', name: 'session.status.verified', objectType: 'session', objectId: DEEPIDV_SESSION, status: 'VERIFIED', createdAt: '2026-01-01T10:01:00.000Z' },
  { seq: 1, vendor: 'persona', id: 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a', name: 'inquiry.approved', objectType: 'inquiry', objectId: 'inq_zEx4jL84ShbUyuwX6AzPSqt6', status: 'approved', createdAt: '2026-01-01T10:00:00.000Z' },
]

function store(status: LiveStatus, events: LiveEvent[] = EVENTS) {
  return { status: signal(status), events: signal(events), problem: signal(null) } as unknown as LiveStore
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
    expect(q('[data-testid=live-name]').map((e) => e.textContent)).toEqual(['session.status.verified', 'inquiry.approved'])
    const opens = q('[data-testid=live-open]')
    act(() => opens[0]!.click())
    act(() => opens[1]!.click())
    // deepidv: its session; Persona: the event (whose detail shows the object).
    expect(onOpen.mock.calls).toEqual([[DEEPIDV_SESSION], ['evt_o9byQRbjygu76Jbtea9wuJ1boP7a']])
  })

  it('should say when it reconnects or polls instead', () => {
    act(() => render(<LiveEvents live={store('reconnecting')} onOpen={() => {}} />, root))
    expect(q('[data-testid=live-indicator]')[0]!.dataset.status).toBe('reconnecting')
    act(() => render(<LiveEvents live={store('polling', [])} onOpen={() => {}} />, root))
    expect(q('[data-testid=live-indicator]')[0]!.textContent).toMatch(/refreshing every 20 s/)
    expect(q('[data-testid=live-event]')).toHaveLength(0)
  })

  it('should stay out of the popup until the socket has been open', () => {
    act(() => render(<LiveEvents live={store('polling', [])} onOpen={() => {}} onlyOnceLive />, root))
    expect(q('[data-testid=live-section]')).toHaveLength(0)
    act(() => render(<LiveEvents live={store('live', [])} onOpen={() => {}} onlyOnceLive limit={1} />, root))
    expect(q('[data-testid=live-empty]')).toHaveLength(1)
    act(() => render(<LiveEvents live={store('live')} onOpen={() => {}} onlyOnceLive limit={1} />, root))
    expect(q('[data-testid=live-event]')).toHaveLength(1)
  })
})
