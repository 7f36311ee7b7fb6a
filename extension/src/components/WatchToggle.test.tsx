// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { WatchToggle } from './WatchToggle.tsx'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'

describe('WatchToggle', () => {
  afterEach(() => render(null, document.body))

  async function mount(props: Parameters<typeof WatchToggle>[0]) {
    await act(async () => {
      render(<WatchToggle {...props} />, document.body)
    })
    const button = document.querySelector<HTMLButtonElement>('[data-testid=watch-toggle]')!
    // Disabled until the background said whether the ID is watched.
    await vi.waitFor(() => expect(button.disabled).toBe(false))
    return button
  }
  const click = async (button: HTMLButtonElement, write: { mock: { calls: unknown[] } } | null) => {
    const before = write?.mock.calls.length ?? 0
    await act(async () => button.click())
    if (write) await vi.waitFor(() => expect(write.mock.calls.length).toBe(before + 1))
    await act(async () => {})
  }

  it('should show whether the ID is watched and toggle it with what the agent sees as the baseline', async () => {
    const write = vi.fn(async (_id: string, on: boolean) => ({ watching: on, full: false }))
    const button = await mount({ id: INQ, seen: { status: 'failed' }, read: async () => false, write })
    expect(button.getAttribute('aria-pressed')).toBe('false')
    expect(button.textContent).toContain('Watch')
    await click(button, write)
    expect(write).toHaveBeenCalledWith(INQ, true, { status: 'failed' })
    await vi.waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('true'))
    expect(button.textContent).toContain('Watching')
    await click(button, write)
    expect(write).toHaveBeenLastCalledWith(INQ, false, { status: 'failed' })
    await vi.waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('false'))
  })

  it('should say so when the watch list is full', async () => {
    const write = vi.fn(async () => ({ watching: false, full: true }))
    const button = await mount({ id: INQ, read: async () => false, write })
    await click(button, write)
    await vi.waitFor(() => expect(document.querySelector('[data-testid=watch-full]')).not.toBeNull())
    expect(document.querySelector('[data-testid=watch-full]')?.textContent).toBe(
      'You watch 50 IDs, the most there can be: stop watching one first.',
    )
    expect(button.getAttribute('aria-pressed')).toBe('false')
  })

  it('should stay usable when the background cannot answer', async () => {
    const write = vi.fn(() => Promise.reject(new Error('gone')))
    const button = await mount({ id: INQ, read: () => Promise.reject(new Error('gone')), write })
    await click(button, write)
    expect(button.getAttribute('aria-pressed')).toBe('false')
  })
})
