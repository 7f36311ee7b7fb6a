// @vitest-environment happy-dom
import { signal } from '@preact/signals'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { Query } from '../../lib/messages.ts'
import { EventFilters, InquiryFilters, SessionFilters } from './PersonaFilters.tsx'

/** A list's filter state as the store keeps it; `applied` records what the form asked for. */
function fakeList(initial: Query = {}) {
  const filters = signal<Query>(initial)
  const applied: Query[] = []
  return { filters, applied, setFilters: (q: Query) => void applied.push(q) }
}

describe('InquiryFilters', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => render(null, root))

  const form = () => root.querySelector('form')!
  const submit = () => act(() => void form().dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })))
  const box = (status: string) => root.querySelector<HTMLInputElement>(`input[name=status][value=${status}]`)!

  it('should ask for the checked statuses as one comma list, with the reference ID and whole local days', () => {
    const list = fakeList()
    act(() => render(<InquiryFilters list={list} />, root))
    box('failed').checked = true
    box('needs_review').checked = true
    root.querySelector<HTMLInputElement>('[data-testid=filter-reference-id]')!.value = ' ref-42 '
    root.querySelector<HTMLInputElement>('[data-testid=filter-created-from]')!.value = '2026-01-15'
    submit()
    expect(list.applied).toHaveLength(1)
    const query = list.applied[0]!
    expect(query['filter[status]']).toBe('failed,needs_review')
    expect(query['filter[reference-id]']).toBe('ref-42')
    expect(query['filter[created-at-start]']).toBe(new Date('2026-01-15T00:00:00').toISOString())
    expect(query['filter[created-at-end]']).toBe('')
  })

  it('should show the applied filters checked, open, and counted', () => {
    const list = fakeList({ 'filter[status]': 'approved,declined', 'filter[reference-id]': 'abc-123' })
    act(() => render(<InquiryFilters list={list} />, root))
    expect(box('approved').checked && box('declined').checked).toBe(true)
    expect(box('failed').checked).toBe(false)
    expect(root.querySelector('details')?.open).toBe(true)
    expect(root.querySelector('summary')?.textContent).toBe('Filters (2 active)')
  })
})

describe('SessionFilters and EventFilters', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => render(null, root))

  const input = (testId: string) => root.querySelector<HTMLInputElement>(`[data-testid=${testId}]`)!
  const submit = () => act(() => void root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })))

  it('should ask for each field by its parameter, spaces dropped, and suggest event names', () => {
    const list = fakeList({ 'filter[object-id]': 'inq_1' })
    act(() => render(<EventFilters list={list} />, root))
    expect(input('filter-object-id').value).toBe('inq_1')
    expect(root.querySelector('summary')?.textContent).toBe('Filters (1 active)')
    const names = [...root.querySelectorAll(`datalist#${input('filter-event-name').getAttribute('list')} option`)]
    expect(names.map((o) => o.getAttribute('value'))).toContain('inquiry.approved')
    input('filter-event-name').value = ' inquiry.approved, inquiry.declined '
    input('filter-object-id').value = ''
    submit()
    expect(list.applied).toEqual([{ 'filter[name]': 'inquiry.approved,inquiry.declined', 'filter[object-id]': '' }])
  })

  it('should ask for the inquiry ID as filter[inquiry-id]', () => {
    const list = fakeList()
    act(() => render(<SessionFilters list={list} />, root))
    expect(root.querySelector('details')?.open).toBe(false)
    input('filter-inquiry-id').value = ' inq_abc '
    submit()
    expect(list.applied).toEqual([{ 'filter[inquiry-id]': 'inq_abc' }])
  })
})
