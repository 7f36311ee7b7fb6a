// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CopyButton } from './CopyButton.tsx'

const ID = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'

describe('CopyButton', () => {
  const root = document.createElement('div')
  document.body.append(root)
  const writeText = vi.fn(async (_text: string) => {})
  beforeEach(() => {
    writeText.mockClear()
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  })
  afterEach(() => {
    act(() => render(null, root))
    vi.useRealTimers()
  })
  const button = () => root.querySelector<HTMLButtonElement>('[data-testid="copy"]')!
  const press = () => act(async () => button().click())
  /** The label shown now (SwapLabel keeps the other one, hidden, for its width). */
  const shown = () => button().querySelector('.swap-on')!.textContent
  const announced = () => root.querySelector('[aria-live="polite"]')!.textContent

  it('should say "Copied" for a moment, then its label again', async () => {
    act(() => render(<CopyButton text={ID} />, root))
    await press()
    expect(writeText).toHaveBeenCalledWith(ID)
    expect([shown(), button().dataset.copied, announced()]).toEqual(['Copied', 'true', 'Copied to the clipboard'])
    act(() => void vi.advanceTimersByTime(1200))
    expect([shown(), button().dataset.copied, announced()]).toEqual(['Copy ID', undefined, ''])
  })

  it('should say that the browser refused the copy, on the button and to readers', async () => {
    writeText.mockRejectedValueOnce(new DOMException('Document is not focused.', 'NotAllowedError'))
    act(() => render(<CopyButton text={ID} />, root))
    await press()
    expect([shown(), button().dataset.copied, announced()]).toEqual(['Not copied', 'false', 'Not copied'])
    act(() => render(<CopyButton text={ID} compact />, root))
    writeText.mockRejectedValueOnce(new DOMException('Document is not focused.', 'NotAllowedError'))
    await press()
    expect(button().textContent).toBe('✕')
  })

  it('should let a second copy keep its word for its whole time, and leave no timer behind', async () => {
    act(() => render(<CopyButton text={ID} />, root))
    await press()
    act(() => void vi.advanceTimersByTime(1000))
    await press()
    act(() => void vi.advanceTimersByTime(1000))
    expect(shown()).toBe('Copied')
    act(() => render(null, root))
    expect(vi.getTimerCount()).toBe(0)
  })
})
