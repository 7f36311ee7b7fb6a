// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { fakeBrowser } from 'wxt/testing/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { copyCheckOfferItem, type CopyCheckApi } from '../lib/copy-check.ts'
import { useLocale } from '../../test-support/i18n-fake.ts'
import { CopyCheckOffer, CopyCheckSetting } from './CopyCheck.tsx'

/** The browser's API permissions as the test grants them (the fake browser has no permissions API); `answer` is the agent's to the prompt. */
function fakePermissions(answer = true) {
  const held = new Set<string>()
  const listeners = new Set<() => void>()
  const event = { addListener: (cb: () => void) => listeners.add(cb), removeListener: (cb: () => void) => listeners.delete(cb) }
  const change = (add: boolean, names: string[] = []) => {
    names.forEach((n) => (add ? held.add(n) : held.delete(n)))
    listeners.forEach((cb) => cb())
  }
  const permissions = {
    contains: vi.fn(async ({ permissions = [] }: { permissions?: string[] }) => permissions.every((p) => held.has(p))),
    request: vi.fn(async ({ permissions }: { permissions?: string[] }) => (answer && change(true, permissions), answer)),
    remove: vi.fn(async ({ permissions }: { permissions?: string[] }) => (change(false, permissions), true)),
    onAdded: event,
    onRemoved: event,
  }
  return { held, permissions, api: { permissions } as unknown as CopyCheckApi }
}

describe('the copy check', () => {
  const root = document.createElement('div')
  document.body.append(root)
  beforeEach(() => fakeBrowser.reset())
  afterEach(() => render(null, root))
  const $ = (testId: string) => root.querySelector<HTMLElement>(`[data-testid="${testId}"]`)

  it('should offer nothing before a card copy went unchecked, then say why and ask the browser inside the click', async () => {
    const grants = fakePermissions()
    act(() => render(<CopyCheckOffer api={grants.api} />, root))
    await act(async () => {})
    expect(root.innerHTML).toBe('')
    await act(() => copyCheckOfferItem.setValue('due'))
    await vi.waitFor(() => expect($('copy-check-offer')).not.toBeNull())
    expect($('copy-check-offer')!.textContent).toContain('IDV Lens reads the clipboard back')
    act(() => $('copy-check-turn-on')!.click())
    // Asked at once, in the click: Chrome's prompt needs its gesture.
    expect(grants.permissions.request).toHaveBeenCalledWith({ permissions: ['clipboardRead'] })
    await vi.waitFor(() => expect(root.innerHTML).toBe(''))
    expect(grants.held.has('clipboardRead')).toBe(true)
  })

  it.each([
    ['"Not now"', 'copy-check-not-now', true],
    ["the browser's prompt declined", 'copy-check-turn-on', false],
  ] as const)('should remember a no (%s) and not offer it again', async (_, button, answer) => {
    const grants = fakePermissions(answer)
    await copyCheckOfferItem.setValue('due')
    act(() => render(<CopyCheckOffer api={grants.api} />, root))
    await vi.waitFor(() => expect($(button)).not.toBeNull())
    await act(async () => $(button)!.click())
    await vi.waitFor(() => expect(root.innerHTML).toBe(''))
    expect(await copyCheckOfferItem.getValue()).toBe('declined')
    expect(grants.held.has('clipboardRead')).toBe(false)
  })

  it.each(['en', 'de'] as const)(
    'should keep a switch in the options page after a no, turning the check on and off (%s)',
    async (locale) => {
      useLocale(locale)
      const grants = fakePermissions()
      await copyCheckOfferItem.setValue('declined')
      act(() => render(<CopyCheckSetting api={grants.api} />, root))
      const toggle = () => $('copy-check-toggle')!
      await vi.waitFor(() => expect(toggle().getAttribute('aria-pressed')).toBe('false'))
      expect(toggle().textContent).toBe(locale === 'en' ? 'Turn on the copy check' : 'Kopierprüfung einschalten')
      await act(async () => toggle().click())
      await vi.waitFor(() => expect(toggle().getAttribute('aria-pressed')).toBe('true'))
      expect(toggle().textContent).toBe(locale === 'en' ? 'Turn off the copy check' : 'Kopierprüfung ausschalten')
      await act(async () => toggle().click())
      await vi.waitFor(() => expect(toggle().getAttribute('aria-pressed')).toBe('false'))
      expect(grants.permissions.remove).toHaveBeenCalledWith({ permissions: ['clipboardRead'] })
    },
  )
})
