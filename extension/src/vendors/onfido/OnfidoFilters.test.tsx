// @vitest-environment happy-dom
import { signal } from '@preact/signals'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import type { Query } from '../../lib/messages.ts'
import { OnfidoFilters } from './OnfidoFilters.tsx'

function fakeList(initial: Query = {}) {
  const filters = signal<Query>(initial)
  const applied: Query[] = []
  return { filters, applied, setFilters: (q: Query) => void applied.push(q) }
}

describe('OnfidoFilters', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => {
    render(null, root)
    useLocale('en')
  })

  const submit = () => act(() => void root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })))
  const input = (testId: string) => root.querySelector<HTMLInputElement & HTMLSelectElement>(`[data-testid=${testId}]`)!

  it("should ask for one status, whole days as Onfido's strict created_at_gt/lt dates, and the order", () => {
    const list = fakeList()
    act(() => render(<OnfidoFilters list={list} />, root))
    expect([...input('filter-onfido-status').options].map((o) => o.value)).toEqual([
      '',
      'processing',
      'awaiting_input',
      'awaiting_client_input',
      'approved',
      'declined',
      'review',
      'abandoned',
      'error',
    ])
    input('filter-onfido-status').value = 'declined'
    input('filter-created-from').value = '2026-03-01'
    input('filter-created-to').value = '2026-03-31'
    input('filter-onfido-sort').value = 'asc'
    submit()
    // From 1 March to 31 March: after 28 February and before 1 April.
    expect(list.applied).toEqual([{ status: 'declined', created_at_gt: '2026-02-28', created_at_lt: '2026-04-01', sort: 'asc' }])
  })

  it("should ask for nothing the agent left empty (newest first is Onfido's default)", () => {
    const list = fakeList()
    act(() => render(<OnfidoFilters list={list} />, root))
    submit()
    expect(list.applied).toEqual([{ status: '', created_at_gt: '', created_at_lt: '', sort: '' }])
  })

  it('should show the applied filters again as the days the agent chose, counted, in German too', () => {
    useLocale('de')
    const list = fakeList({ status: 'review', created_at_gt: '2026-02-28', created_at_lt: '2026-04-01', sort: 'asc' })
    act(() => render(<OnfidoFilters list={list} />, root))
    expect(input('filter-onfido-status').value).toBe('review')
    expect(input('filter-onfido-status').selectedOptions[0]!.textContent).toBe('Prüfung')
    expect(input('filter-created-from').value).toBe('2026-03-01')
    expect(input('filter-created-to').value).toBe('2026-03-31')
    expect(input('filter-onfido-sort').selectedOptions[0]!.textContent).toBe('Älteste zuerst')
    expect(root.querySelector('summary')?.textContent).toBe('Filter (4 aktiv)')
  })
})
