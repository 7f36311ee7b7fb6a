// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import { DeepidvWhy } from './DeepidvWhy.tsx'

describe('DeepidvWhy', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => act(() => render(null, root)))

  it('should put a failed face match first and fold the passed checks', () => {
    const record = { analysis_data: { id_matches_selfie: false, id_analysis_data: { expiry_date_pass: true } } } as never
    act(() => render(<DeepidvWhy record={record} />, root))
    expect(root.querySelector('[data-testid="why-failed-check"]')!.getAttribute('data-check')).toBe('id_matches_selfie')
    expect(root.querySelector('[data-testid="why-failed-check"]')!.textContent).toContain('The selfie does not match the ID photo')
    expect(root.querySelector('[data-testid="why-other"] summary')!.textContent).toBe('Other checks (1)')
  })

  it('should show nothing when no check failed', () => {
    act(() => render(<DeepidvWhy record={{ analysis_data: { id_matches_selfie: true } } as never} />, root))
    expect(root.innerHTML).toBe('')
  })
})
