// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import { StripeRow } from './StripeRow.tsx'
import type { StripeVerificationSession } from '@idv-lens/shared/api'

const SESSION: StripeVerificationSession = {
  id: 'vs_1Pgc76B7WZ01zgkWBdQi8PTU',
  object: 'identity.verification_session',
  created: Math.floor(Date.now() / 1000) - 3600,
  status: 'requires_input',
  client_reference_id: 'user_42',
  last_error: { code: 'document_expired', reason: null },
}

describe('StripeRow', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => {
    render(null, root)
    useLocale('en')
  })

  it('should show the status and the reason in words (the code on hover), the reference, and open the session', () => {
    const onOpen = vi.fn()
    act(() => render(<StripeRow item={SESSION} onOpen={onOpen} />, root))
    expect(root.querySelector('[data-testid="status"]')!.textContent).toBe('requires input')
    expect(root.querySelector('[data-testid="row-reason"] [title="document_expired"]')!.textContent).toBe('the ID document has expired')
    expect(root.querySelector('[data-testid="reference-id"]')!.textContent).toBe('ref user_42')
    expect(root.querySelector('[data-testid="time"]')).not.toBeNull()
    act(() => root.querySelector<HTMLButtonElement>('[data-testid="row-open"]')!.click())
    expect(onOpen).toHaveBeenCalledWith(SESSION.id)
  })

  it('should say nothing of a reason when the session has none, and speak German', () => {
    useLocale('de')
    act(() =>
      render(<StripeRow item={{ ...SESSION, status: 'verified', last_error: null, client_reference_id: null }} onOpen={vi.fn()} />, root),
    )
    expect(root.querySelector('[data-testid="status"]')!.textContent).toBe('verifiziert')
    expect(root.querySelector('[data-testid="row-reason"]')).toBeNull()
    expect(root.querySelector('[data-testid="reference-id"]')).toBeNull()
  })
})
