// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { now } from '../stores/clock.ts'
import { ErrorBanner } from './ErrorBanner.tsx'
import { freshnessText } from './FreshnessLine.tsx'
import { WithVendorFacts } from '../pages/WithVendorFacts.tsx'

describe('ErrorBanner', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => render(null, root))

  it('should count down from Retry-After and only then allow a retry', () => {
    const onRetry = vi.fn()
    const at = Date.now()
    const state = {
      failure: { kind: 'rate-limited' as const, reason: { code: 'too-many-requests' as const }, retryAfter: 30 },
      retryAt: at + 30_000,
    }
    act(() => render(<ErrorBanner state={state} onRetry={onRetry} shown={null} />, root))
    const button = () => root.querySelector<HTMLButtonElement>('[data-testid=retry]')!
    act(() => void (now.value = at))
    expect(button().textContent).toBe('Retry in 30 sec')
    // Not `disabled`, which would drop the keyboard's focus: announced as unavailable, and inert.
    expect(button().getAttribute('aria-disabled')).toBe('true')
    act(() => button().click())
    expect(onRetry).not.toHaveBeenCalled()
    // The countdown ticks outside the alert: a screen reader is not read a clock every second.
    expect(root.querySelector('[role=alert]')?.contains(button())).toBe(false)
    act(() => void (now.value = at + 30_000))
    expect(button().textContent).toBe('Retry')
    act(() => button().click())
    expect(onRetry).toHaveBeenCalledOnce()
  })

  it('should say nothing answered and that it will retry, with no settings advice and no ALLOWED_ORIGINS hint', () => {
    const failure = { kind: 'unreachable' as const, reason: { code: 'cannot-reach' as const, relay: 'https://relay.example' } }
    act(() => render(<ErrorBanner state={{ failure, retryAt: null }} onRetry={() => {}} shown={null} />, root))
    const banner = root.querySelector('[data-testid=error-unreachable]')!
    expect(banner.textContent).toContain('IDV Lens cannot reach your relay at https://relay.example; it will retry.')
    expect(banner.textContent).not.toContain('ALLOWED_ORIGINS')
    expect(banner.textContent).not.toMatch(/settings/i)
    expect(banner.querySelector('[data-testid=open-settings]')).toBeNull()
    expect(banner.querySelector('[data-testid=retry]')).not.toBeNull()
  })

  it('should give the ALLOWED_ORIGINS hint only when the relay answered without allowing this extension', () => {
    const failure = {
      kind: 'unreachable' as const,
      reason: { code: 'origin-not-allowed' as const, relay: 'https://relay.example', origin: 'chrome-extension://abc' },
    }
    act(() => render(<ErrorBanner state={{ failure, retryAt: null }} onRetry={() => {}} shown={null} />, root))
    expect(root.querySelector('[data-testid=error-unreachable]')!.textContent).toContain(
      "Add chrome-extension://abc to the relay's ALLOWED_ORIGINS",
    )
  })

  it.each([
    ['deepidv', 'deepidv unavailable'],
    ['stripe', 'Stripe unavailable'],
  ] as const)('should name the vendor that failed (%s), by the name the page hands in', (provider, words) => {
    const problem = {
      type: 't',
      title: 't',
      status: 502,
      detail: `${provider} answered HTTP 500`,
      code: 'upstream-unavailable' as const,
      provider,
    }
    const state = { failure: { kind: 'upstream' as const, reason: { code: 'relay-problem' as const }, problem }, retryAt: null }
    act(() =>
      render(
        <WithVendorFacts>
          <ErrorBanner state={state} onRetry={() => {}} shown={null} />
        </WithVendorFacts>,
        root,
      ),
    )
    expect(root.querySelector('[data-testid=error-upstream] strong')?.textContent).toBe(words)
  })
})

describe('ErrorBanner sign-in', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => render(null, root))

  it.each([
    [true, 'Sign-in needed', 'Sign in with your company account'],
    [false, 'Agent token rejected', 'Check the agent token'],
  ])('should ask a signed-out agent behind Access to sign in, not for a token (signIn: %s)', (signIn, title, hint) => {
    const failure = {
      kind: 'unauthorized' as const,
      reason: { code: signIn ? ('sign-in-needed' as const) : ('token-refused' as const), status: 401 },
      ...(signIn ? { signIn: true as const } : {}),
    }
    act(() => render(<ErrorBanner state={{ failure, retryAt: null }} onRetry={() => {}} shown={null} />, root))
    const banner = root.querySelector('[data-testid=error-unauthorized]')!
    expect(banner.querySelector('strong')?.textContent).toBe(title)
    expect(banner.textContent).toContain(hint)
    expect(banner.querySelector('[data-testid=open-settings]')).not.toBeNull()
  })
})

describe('freshnessText', () => {
  const NOW = 1_000_000_000
  const fresh = (freshness: object | null, age?: number) => ({ freshness: freshness as never, receivedAt: NOW, ...(age ? { age } : {}) })

  it.each([
    [{ fetched: null, loading: true, failed: false }, 'Loading…', 'none'],
    [{ fetched: null, loading: false, failed: true }, 'No data', 'none'],
    [{ fetched: null, loading: true, failed: true }, 'No data', 'none'],
    [{ fetched: fresh(null), loading: false, failed: false }, 'Updated now', 'fresh'],
    [
      { fetched: fresh({ hit: true, stale: false, staleIfError: false }, 12), loading: false, failed: false },
      "Updated 12 sec. ago · from the relay's cache",
      'cached',
    ],
    [
      { fetched: fresh({ hit: true, stale: true, staleIfError: true }, 300), loading: false, failed: false },
      'Updated 5 min. ago · stale: the vendor did not answer',
      'stale',
    ],
    [{ fetched: fresh(null), loading: false, failed: true }, 'Updated now · stale: the last refresh failed', 'stale'],
    [
      { fetched: fresh({ hit: true, stale: true, staleIfError: false }, 60), loading: false, failed: false },
      "Updated 1 min. ago · from the relay's cache, being refreshed",
      'cached',
    ],
    [
      { fetched: fresh({ hit: true, stale: true, staleIfError: false }, 600), loading: false, failed: false },
      'Updated 10 min. ago · stale copy, the relay is refreshing it',
      'stale',
    ],
    [{ fetched: fresh(null), loading: true, failed: false }, 'Updated now · refreshing…', 'fresh'],
  ])('should describe %j', (props, text, state) => {
    expect(freshnessText(props, NOW)).toEqual({ text, state })
  })
})
