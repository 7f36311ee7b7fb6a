// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { fakeBrowser } from 'wxt/testing/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SummaryFacts } from '../../lib/copy-summary.ts'
import { managedPolicyItem } from '../../lib/managed-policy.ts'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import { CopySummary } from './CopySummary.tsx'

const ID = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const LINK = 'https://withpersona.com/verify?code=one-time'
const facts: SummaryFacts = {
  kind: 'persona-inquiry',
  id: ID,
  status: 'expired',
  reason: null,
  case: { status: 'Open', resolution: null },
  createdAt: '2026-11-24T10:02:00Z',
  updatedAt: null,
  dashboardUrl: `https://app.withpersona.com/dashboard/inquiries/${ID}`,
}

describe('CopySummary (detail)', () => {
  const root = document.createElement('div')
  document.body.append(root)
  const writeText = vi.fn(async (_text: string) => {})
  beforeEach(() => {
    fakeBrowser.reset()
    writeText.mockClear()
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
  })
  afterEach(() => {
    act(() => render(null, root))
    useLocale('en')
  })
  const click = (testId: string) => act(async () => root.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)!.click())
  const copied = () => writeText.mock.calls.at(-1)?.[0]
  /** The label a button shows now (SwapLabel keeps the other one, hidden, for its width). */
  const shown = (testId: string) => root.querySelector(`[data-testid="${testId}"] .swap-on`)!.textContent

  it('should copy the customer reply with the new link, and the internal note, each under its own label', async () => {
    act(() => render(<CopySummary facts={facts} link={LINK} />, root))
    expect(shown('copy-summary-text')).toBe('Copy reply')
    expect(shown('copy-summary-markdown')).toBe('Copy internal note')
    await click('copy-summary-text')
    expect(copied()!.split('\n')).toEqual([
      'Your verification expired before it was finished. Please start a new verification and complete all the steps in one go.',
      '',
      'You can start a new verification with this link. Please complete all the steps in one go:',
      LINK,
    ])
    expect(root.querySelector('[aria-live="polite"]')!.textContent).toBe('Reply copied')
    await click('copy-summary-markdown')
    expect(copied()!.split('\n')[0]).toBe(`**Persona inquiry** [\`${ID}\`](https://app.withpersona.com/dashboard/inquiries/${ID})`)
    expect(copied()).toContain('- Review case: open')
    expect(root.querySelector('[aria-live="polite"]')!.textContent).toBe('Internal note copied')
    expect(shown('copy-summary-markdown')).toBe('Copied')
    expect(shown('copy-summary-text')).toBe('Copy reply')
  })

  it('should say on the button, and to readers, that the browser refused the copy', async () => {
    writeText.mockRejectedValueOnce(new DOMException('Document is not focused.', 'NotAllowedError'))
    act(() => render(<CopySummary facts={facts} />, root))
    await click('copy-summary-markdown')
    expect(shown('copy-summary-markdown')).toBe('Not copied')
    expect(root.querySelector('[data-testid="copy-summary-markdown"]')!.getAttribute('data-copied')).toBe('false')
    expect(root.querySelector('[aria-live="polite"]')!.textContent).toBe('Not copied')
    await click('copy-summary-markdown')
    expect(shown('copy-summary-markdown')).toBe('Copied')
    expect(root.querySelector('[data-testid="copy-summary-markdown"]')!.getAttribute('data-copied')).toBe('true')
  })

  it("should keep a second copy's word for its whole time, not end it on the first copy's timer", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      act(() => render(<CopySummary facts={facts} />, root))
      await click('copy-summary-text')
      act(() => void vi.advanceTimersByTime(1000))
      await click('copy-summary-markdown')
      // 1.5 s after the first copy: the second one's word stays.
      act(() => void vi.advanceTimersByTime(600))
      expect(shown('copy-summary-markdown')).toBe('Copied')
      act(() => void vi.advanceTimersByTime(900))
      expect(shown('copy-summary-markdown')).toBe('Copy internal note')
      await click('copy-summary-text')
      act(() => render(null, root))
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })

  it("should word the reply in the team's texts from policy's cached copy, and follow a change", async () => {
    useLocale('de')
    await managedPolicyItem.setValue({ defaults: { replyTexts: { de: { expired: 'Team: bitte neu starten.' } } } })
    act(() => render(<CopySummary facts={facts} />, root))
    expect(shown('copy-summary-text')).toBe('Antwort kopieren')
    await vi.waitFor(async () => {
      await click('copy-summary-text')
      expect(copied()).toBe('Team: bitte neu starten.')
    })
    await managedPolicyItem.setValue({})
    await vi.waitFor(async () => {
      await click('copy-summary-text')
      expect(copied()).toMatch(/^Ihre Verifizierung ist abgelaufen/)
    })
  })
})
