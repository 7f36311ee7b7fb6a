// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { signal } from '@preact/signals'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DetailSection, Send } from '../../lib/messages.ts'
import { createRequesterCheck } from '../../stores/requester-check.ts'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import { RequesterCheck, requesterField } from './RequesterCheck.tsx'

const ID = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'

describe('RequesterCheck', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => {
    act(() => render(null, root))
    useLocale('en')
  })

  function mount(result: 'match' | 'no-match' | 'unknown') {
    const send = vi.fn(async (_type: string, req: { field: string }) => ({
      ok: true,
      data: { data: { id: ID, field: req.field, result } },
      freshness: null,
      receivedAt: 0,
    })) as unknown as Send
    const check = createRequesterCheck(send, ID)
    const focus = signal<DetailSection | null>(null)
    act(() => render(<RequesterCheck check={check} focus={focus} />, root))
    return { send, check, focus }
  }

  async function ask(value: string) {
    const input = root.querySelector<HTMLInputElement>('[data-testid="requester-input"]')!
    input.value = value
    await act(async () => {
      root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
    })
    await vi.waitFor(() => expect(root.querySelector('[data-testid="requester-answer"]')!.getAttribute('data-result')).not.toBe(''))
    return input
  }

  it('should compare an email, say match, and empty the field without showing the value', async () => {
    const { send } = mount('match')
    const input = await ask('ada@example.com')
    expect(vi.mocked(send).mock.calls[0]![1]).toEqual({ id: ID, field: 'email', value: 'ada@example.com' })
    expect(root.querySelector('[data-testid="requester-answer"]')!.textContent).toBe('Match: this is the email used to verify.')
    expect(input.value).toBe('')
    expect(root.innerHTML).not.toContain('ada@example.com')
  })

  it('should compare a name and say no match, in German too', async () => {
    useLocale('de')
    mount('no-match')
    await ask('Ada Lovelace')
    expect(root.querySelector('[data-testid="requester-answer"]')!.textContent).toBe(
      'Keine Übereinstimmung: Das ist nicht der verifizierte Name.',
    )
    expect(root.innerHTML).not.toContain('Lovelace')
  })

  it('should take the field from what was typed', () => {
    expect(requesterField('a@b.example')).toBe('email')
    expect(requesterField('Ada Lovelace')).toBe('name')
  })

  it('should bring the field into focus when a card asked for the check', async () => {
    const focus = signal<DetailSection | null>('requester')
    const send = vi.fn() as unknown as Send
    Element.prototype.scrollIntoView ??= () => {}
    act(() => render(<RequesterCheck check={createRequesterCheck(send, ID)} focus={focus} />, root))
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('requester-input'))
    expect(focus.value).toBeNull()
  })
})
