// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { signal } from '@preact/signals'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { HistoryResponse, LookupFound } from '@idv-lens/shared/api'
import type { DetailSection } from '../../lib/messages.ts'
import { createResource } from '../../stores/resource.ts'
import { EarlierAttempts, HistorySection, laterVerified, otherAttempts } from './HistorySection.tsx'
import { WithVendorFacts } from '../../pages/WithVendorFacts.tsx'
import { statusTone } from '../../vendors/tones.ts'
import { foundInquiry } from '../../../test-support/lookup-entries.ts'

const attempt = (id: string, createdAt: string, status: string, check: string | null): LookupFound =>
  foundInquiry(id, status, {
    createdAt,
    dashboardUrl: '',
    reason: check ? { check, reasons: [], verificationId: null, failedChecks: 1, failed: [{ check, reasons: [] }] } : null,
    details: {
      kind: 'persona-inquiry',
      referenceId: 'user-42',
      completedAt: null,
      latestSessionId: null,
      threatLevel: null,
      countryCode: null,
      countryName: null,
    },
  })
const NOW = attempt('inq_NewNewNewNewNewNewNewNewNew', '2026-11-24T10:00:00Z', 'failed', 'selfie_id_comparison')
const OLD = attempt('inq_OldOldOldOldOldOldOldOldOld', '2026-11-20T10:00:00Z', 'declined', 'id_expired_detection')
const OLDER = attempt('inq_OlderOlderOlderOlderOlder', '2026-11-10T10:00:00Z', 'expired', null)
const HISTORY: HistoryResponse = { referenceId: 'user-42', data: [NOW, OLD, OLDER], complete: true, vendors: [] }

describe('customer history', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => act(() => render(null, root)))

  async function loaded(history: HistoryResponse) {
    const resource = createResource(async () => ({ ok: true as const, data: history, freshness: null, receivedAt: 0 }))
    await resource.load()
    return resource
  }

  it('should count the earlier attempts, and bring the history into sight in one click', async () => {
    const history = await loaded(HISTORY)
    const focus = signal<DetailSection | null>(null)
    const onOpen = vi.fn()
    Element.prototype.scrollIntoView ??= () => {}
    act(() =>
      render(
        <>
          <EarlierAttempts history={history} id={NOW.id} createdAt={NOW.createdAt} focus={focus} onOpen={onOpen} />
          <HistorySection history={history} id={NOW.id} focus={focus} onOpen={onOpen} />
        </>,
        root,
      ),
    )
    const link = root.querySelector<HTMLButtonElement>('[data-testid="earlier-attempts"]')!
    expect(link.textContent).toBe('2 earlier attempts')
    act(() => link.click())
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Customer history'))
    const rows = [...root.querySelectorAll('[data-testid="history-attempt"]')]
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual([NOW.id, OLD.id, OLDER.id])
    expect(rows.map((r) => r.querySelector('[data-testid="history-reason"]')?.textContent ?? null)).toEqual([
      'Failed: the selfie does not match the ID photo',
      'Declined: the ID has expired',
      null,
    ])
    act(() => rows[1]!.querySelector('button')!.click())
    expect(onOpen).toHaveBeenCalledWith(OLD.id)
  })

  it('should say "other" when a later attempt is among them, and nothing when there is none', () => {
    expect(otherAttempts(HISTORY, OLD.id, OLD.createdAt)).toEqual({ count: 2, allEarlier: false })
    expect(otherAttempts({ ...HISTORY, data: [NOW] }, NOW.id, NOW.createdAt)).toEqual({ count: 0, allEarlier: true })
  })

  it('should lead with the newest later attempt that was verified, opening it in one click', async () => {
    const verified = attempt('inq_VerifiedVerifiedVerifiedVe', '2026-11-22T10:00:00Z', 'approved', null)
    const newerPending = attempt('inq_PendingPendingPendingPend', '2026-11-23T10:00:00Z', 'pending', null)
    const history = await loaded({ ...HISTORY, data: [NOW, newerPending, verified, OLD, OLDER] })
    const onOpen = vi.fn()
    act(() =>
      render(
        <WithVendorFacts>
          <EarlierAttempts history={history} id={OLD.id} createdAt={OLD.createdAt} focus={signal(null)} onOpen={onOpen} />
        </WithVendorFacts>,
        root,
      ),
    )
    const lead = root.querySelector<HTMLElement>('[data-testid="later-verified"]')!
    expect(root.firstElementChild).toBe(lead)
    expect(lead.dataset.id).toBe(verified.id)
    expect(lead.textContent).toContain('A later attempt was verified:')
    act(() => lead.querySelector('button')!.click())
    expect(onOpen).toHaveBeenCalledWith(verified.id)
    // None for the newest attempt, nor for one whose later attempts were not verified.
    expect(laterVerified(history.data.value, NOW.id, NOW.createdAt, statusTone)).toBeNull()
    expect(laterVerified(HISTORY, OLDER.id, OLDER.createdAt, statusTone)).toBeNull()
  })

  it('should say when there is no reference ID to link attempts by', async () => {
    const history = await loaded({ referenceId: '', data: [], complete: true, vendors: [] })
    act(() => render(<HistorySection history={history} id={NOW.id} focus={signal(null)} onOpen={() => {}} />, root))
    expect(root.textContent).toContain('No reference ID, so other attempts cannot be linked to this one.')
  })
})
