// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import { WithVendorFacts } from '../../pages/WithVendorFacts.tsx'
import { OnfidoRow } from './OnfidoRow.tsx'
import { RUN } from './onfido-test-records.ts'

describe('OnfidoRow', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => {
    render(null, root)
    useLocale('en')
  })

  it("should show the status and the workflow's reason in words (its name on hover), the tags, and open the run", () => {
    const onOpen = vi.fn()
    act(() => render(<OnfidoRow item={RUN} onOpen={onOpen} />, root))
    expect(root.querySelector('[data-testid="status"]')!.textContent).toBe('declined')
    expect(root.querySelector('[data-testid="row-reason"] [title="document_image_quality"]')!.textContent).toBe(
      'the photo of the ID document is not clear enough',
    )
    expect(root.querySelector('[data-testid="row-tags"]')!.textContent).toBe('vip')
    expect(root.querySelector('[data-testid="row-open"]')!.getAttribute('aria-label')).toContain('Onfido workflow run')
    act(() => root.querySelector<HTMLButtonElement>('[data-testid="row-open"]')!.click())
    expect(onOpen).toHaveBeenCalledWith(RUN.id)
  })

  it('should say nothing of a reason when the run has none, and speak German', () => {
    useLocale('de')
    act(() =>
      render(
        <WithVendorFacts>
          <OnfidoRow item={{ ...RUN, status: 'awaiting_input', reasons: [], tags: [] }} onOpen={vi.fn()} />
        </WithVendorFacts>,
        root,
      ),
    )
    expect(root.querySelector('[data-testid="status"]')!.textContent).toBe('wartet auf Eingabe')
    expect(root.querySelector('[data-testid="status"]')!.getAttribute('data-tone')).toBe('warn')
    expect(root.querySelector('[data-testid="row-reason"]')).toBeNull()
    expect(root.querySelector('[data-testid="row-tags"]')).toBeNull()
  })
})
