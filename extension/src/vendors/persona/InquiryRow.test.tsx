// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PersonaInquiry } from '@idv-lens/shared/api'
import { InquiryRow } from './InquiryRow.tsx'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const inquiry = (status: string, sessions: number, step: string | null): PersonaInquiry => ({
  type: 'inquiry',
  id: INQ,
  attributes: { status, 'reference-id': 'user-7431', 'created-at': '2026-11-25T08:00:00Z', 'previous-step-name': step },
  relationships: {
    sessions: {
      data: Array.from({ length: sessions }, (_, i) => ({ type: 'inquiry-session', id: `iqse_${String(i).padStart(24, 'A')}` })),
    },
  },
})

describe('InquiryRow', () => {
  afterEach(() => render(null, document.body))
  const text = (id: string) => document.querySelector(`[data-testid=${id}]`)?.textContent ?? null

  it('should say where a failed inquiry stopped and how many sessions it had (attempts are inquiries: the history)', () => {
    act(() => render(<InquiryRow item={inquiry('failed', 2, 'verification_selfie')} onOpen={() => {}} />, document.body))
    expect(text('stopped-at')).toBe('stopped at Selfie check')
    expect(document.querySelector('[data-testid=stopped-at] [data-raw]')?.getAttribute('title')).toBe('verification_selfie')
    expect(text('session-count')).toBe('2 sessions')
  })

  it('should leave out the last step of a finished inquiry and a single session', () => {
    act(() => render(<InquiryRow item={inquiry('approved', 1, 'verification_selfie')} onOpen={() => {}} />, document.body))
    expect(text('stopped-at')).toBeNull()
    expect(text('session-count')).toBeNull()
  })

  it('should open the detail from its one button, which covers the whole row', () => {
    const onOpen = vi.fn()
    act(() => render(<InquiryRow item={inquiry('failed', 1, null)} onOpen={onOpen} />, document.body))
    expect(document.querySelector('.row')?.classList.contains('row-whole')).toBe(true)
    act(() => document.querySelector<HTMLButtonElement>('[data-testid=row-open]')!.click())
    expect(onOpen).toHaveBeenCalledWith(INQ)
  })
})
