// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { PersonaVerification } from '@idv-lens/shared/api'
import { createResource } from '../../stores/resource.ts'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import { PersonaWhy } from './PersonaWhy.tsx'

const verification = (id: string, type: string, checks: PersonaVerification['attributes']['checks']): PersonaVerification =>
  ({ type, id, attributes: { status: 'failed', 'created-at': '2026-11-24T10:00:00Z', checks } }) as PersonaVerification

const VERIFICATIONS = [
  verification('ver_S1', 'verification/selfie', [
    { name: 'selfie_id_comparison', status: 'failed', reasons: ['mismatch'] },
    { name: 'selfie_liveness_detection', status: 'passed', reasons: [] },
    { name: 'selfie_public_figure_detection', status: 'not_applicable', reasons: [] },
  ]),
  verification('ver_G1', 'verification/government-id', [{ name: 'id_expired_detection', status: 'passed', reasons: [] }]),
]

describe('PersonaWhy', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => {
    act(() => render(null, root))
    useLocale('en')
  })

  async function show() {
    const resource = createResource(async () => ({ ok: true as const, data: VERIFICATIONS, freshness: null, receivedAt: 0 }))
    await resource.load()
    act(() => render(<PersonaWhy verifications={resource} />, root))
  }

  it('should list each failed check in words with its reasons, the raw name on hover, and fold the others away', async () => {
    await show()
    const failed = [...root.querySelectorAll('[data-testid="why-failed-check"]')]
    expect(failed.map((li) => li.getAttribute('data-check'))).toEqual(['selfie_id_comparison'])
    expect(failed[0]!.querySelector('[title="selfie_id_comparison"]')!.textContent).toBe('The selfie does not match the ID photo')
    expect(failed[0]!.querySelector('[data-testid="why-reasons"]')!.textContent).toBe('Reasons: does not match')
    expect(failed[0]!.textContent).toContain('Selfie check')
    const other = root.querySelector('details[data-testid="why-other"]') as HTMLDetailsElement
    expect(other.open).toBe(false)
    expect(other.querySelector('summary')!.textContent).toBe('Other checks (3)')
    expect([...other.querySelectorAll('[data-testid="why-other-check"]')].map((li) => li.textContent)).toEqual([
      'passed Selfie is of a live person',
      'not applicable Selfie is not of a public figure',
      'passed ID is not expired',
    ])
  })

  it('should speak German in German', async () => {
    useLocale('de')
    await show()
    expect(root.querySelector('[data-testid="detail-why"] h3')!.textContent).toBe('Warum')
    expect(root.querySelector('[data-testid="why-failed-check"] [title="selfie_id_comparison"]')!.textContent).toBe(
      'Das Selfie passt nicht zum Ausweisfoto',
    )
    expect(root.querySelector('[data-testid="why-reasons"]')!.textContent).toBe('Gründe: stimmt nicht überein')
  })
})
