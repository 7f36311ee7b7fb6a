// @vitest-environment happy-dom
import { signal } from '@preact/signals'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { SettingField } from './SettingField.tsx'

describe('SettingField', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => render(null, root))

  const field = (team: Parameters<typeof SettingField>[0]['team']) =>
    act(() =>
      render(
        <SettingField
          id="reply-texts"
          label="Texts"
          hint=""
          value={signal('en: expired')}
          team={team}
          suggestedWhy="Copy reply uses them."
          readOnly
          multiline
        />,
        root,
      ),
    )

  it('should say "Suggested by your team" for a setting the team only suggested, read-only all the same', () => {
    field({ kind: 'suggested', changed: false })
    expect(root.querySelector('[data-testid="suggested-reply-texts"]')?.textContent).toBe('Suggested by your team. Copy reply uses them.')
    expect(root.querySelector('[data-testid="locked-reply-texts"]')).toBeNull()
    expect(root.querySelector<HTMLTextAreaElement>('textarea')!.readOnly).toBe(true)
  })

  it('should say "Set by your team" only when the team locked it', () => {
    field({ kind: 'locked' })
    expect(root.querySelector('[data-testid="locked-reply-texts"]')?.textContent).toContain('Set by your team.')
    expect(root.querySelector('[data-testid="suggested-reply-texts"]')).toBeNull()
  })
})
