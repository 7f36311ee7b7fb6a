// @vitest-environment happy-dom
import { signal } from '@preact/signals'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { Query } from '../../lib/messages.ts'
import { StripeFilters } from './StripeFilters.tsx'

function fakeList(initial: Query = {}) {
  const filters = signal<Query>(initial)
  const applied: Query[] = []
  return { filters, applied, setFilters: (q: Query) => void applied.push(q) }
}

describe('StripeFilters', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => render(null, root))

  const submit = () => act(() => void root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })))
  const input = (testId: string) => root.querySelector<HTMLInputElement & HTMLSelectElement>(`[data-testid=${testId}]`)!

  it("should ask for one status, the reference, and whole local days as Stripe's created[gte|lte] in seconds", () => {
    const list = fakeList()
    act(() => render(<StripeFilters list={list} />, root))
    expect([...input('filter-stripe-status').options].map((o) => o.value)).toEqual([
      '',
      'requires_input',
      'processing',
      'verified',
      'canceled',
    ])
    input('filter-stripe-status').value = 'requires_input'
    input('filter-reference-id').value = ' user_42 '
    input('filter-created-from').value = '2026-01-15'
    input('filter-created-to').value = '2026-01-16'
    submit()
    expect(list.applied).toEqual([
      {
        status: 'requires_input',
        client_reference_id: 'user_42',
        'created[gte]': String(new Date('2026-01-15T00:00:00').getTime() / 1000),
        'created[lte]': String(Math.floor(new Date('2026-01-16T23:59:59.999').getTime() / 1000)),
      },
    ])
  })

  it('should show the applied filters again, counted', () => {
    const from = String(new Date('2026-03-02T00:00:00').getTime() / 1000)
    const list = fakeList({ status: 'canceled', 'created[gte]': from })
    act(() => render(<StripeFilters list={list} />, root))
    expect(input('filter-stripe-status').value).toBe('canceled')
    expect(input('filter-created-from').value).toBe('2026-03-02')
    expect(input('filter-created-to').value).toBe('')
    expect(root.querySelector('summary')?.textContent).toBe('Filters (2 active)')
  })
})
