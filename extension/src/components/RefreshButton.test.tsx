// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RefreshButton } from './RefreshButton.tsx'

describe('RefreshButton', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => act(() => render(null, root)))
  const button = () => root.querySelector<HTMLButtonElement>('[data-testid="refresh"]')!

  it('should refresh on a click, named and titled for readers and on hover', () => {
    const onRefresh = vi.fn()
    act(() => render(<RefreshButton onRefresh={onRefresh} />, root))
    act(() => button().click())
    expect(onRefresh).toHaveBeenCalledTimes(1)
    expect([button().getAttribute('aria-label'), button().title, button().getAttribute('aria-disabled')]).toEqual([
      'Refresh',
      expect.stringMatching(/\S/),
      'false',
    ])
  })

  it('should do nothing while idle, and say so without dropping the focus', () => {
    const onRefresh = vi.fn()
    act(() => render(<RefreshButton onRefresh={onRefresh} idle />, root))
    button().focus()
    act(() => button().click())
    expect(onRefresh).not.toHaveBeenCalled()
    expect([button().getAttribute('aria-disabled'), button().disabled, document.activeElement]).toEqual(['true', false, button()])
  })
})
