import { describe, expect, it, vi } from 'vitest'
import type { Send } from '../lib/messages.ts'
import { createDetailStore } from './detail-store.ts'

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const SESSION = 'iqse_T8PrqpoEhwhUV1wHReuU9ofs'
const DEEPIDV = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'

function recordingSend() {
  const calls: [string, unknown][] = []
  const send = vi.fn(async (type: string, req: unknown) => {
    calls.push([type, req])
    return { ok: true, data: { data: [] }, freshness: null, receivedAt: 0 }
  }) as unknown as Send
  return { send, calls }
}

describe('createDetailStore', () => {
  it('should load an inquiry with its sessions and its timeline', () => {
    const { send, calls } = recordingSend()
    const detail = createDetailStore(send)
    expect(detail.open(INQUIRY)).toBe(true)
    expect(calls).toEqual([
      ['getInquiry', { id: INQUIRY, refresh: false }],
      ['listInquirySessions', { query: { 'filter[inquiry-id]': INQUIRY, 'page[size]': '100' }, refresh: false }],
      ['listEvents', { query: { 'filter[object-id]': INQUIRY, 'page[size]': '100' }, refresh: false }],
    ])
  })

  it.each([
    [SESSION, 'getInquirySession'],
    ['evt_o9byQRbjygu76Jbtea9wuJ1boP7a', 'getEvent'],
    [DEEPIDV, 'getDeepidvSession'],
  ])('should load %s with %s', (id, message) => {
    const { send, calls } = recordingSend()
    createDetailStore(send).open(id)
    expect(calls).toEqual([[message, { id, refresh: false }]])
  })

  it('should refuse what is not an ID', () => {
    const { send, calls } = recordingSend()
    const detail = createDetailStore(send)
    expect(detail.open('inq_short')).toBe(false)
    expect(detail.current.value).toBeNull()
    expect(calls).toHaveLength(0)
  })

  it('should stack views for links and pop them with back', () => {
    const { send } = recordingSend()
    const detail = createDetailStore(send)
    detail.open(SESSION)
    detail.open(INQUIRY)
    expect(detail.current.value?.id).toBe(INQUIRY)
    detail.back()
    expect(detail.current.value?.id).toBe(SESSION)
    detail.close()
    expect(detail.current.value).toBeNull()
  })

  it('should reload instead of stacking the ID already shown, and refresh with no-cache', () => {
    const { send, calls } = recordingSend()
    const detail = createDetailStore(send)
    detail.open(DEEPIDV)
    detail.open(DEEPIDV)
    detail.refresh()
    expect(detail.stack.value).toHaveLength(1)
    expect(calls.map(([, req]) => (req as { refresh: boolean }).refresh)).toEqual([false, false, true])
  })
})
