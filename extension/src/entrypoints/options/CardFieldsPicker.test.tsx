// @vitest-environment happy-dom
import { signal } from '@preact/signals'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { CardFieldsPicker } from './CardFieldsPicker.tsx'
import type { TeamMark } from '../../stores/options-form.ts'

describe('CardFieldsPicker', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => render(null, root))

  const picker = (text: string, team: TeamMark = null, problem: string | null = null) => {
    const value = signal(text)
    act(() => render(<CardFieldsPicker value={value} team={team} onUseTeamValue={() => {}} problem={problem} onEdited={() => {}} />, root))
    return value
  }
  const $ = <E extends Element = HTMLElement>(selector: string) => root.querySelector<E>(selector)
  const ticked = () => [...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].filter((b) => b.checked).map((b) => b.id)

  it('should show each fact as a labelled checkbox, the chosen ones first in the card order', () => {
    picker('country\nreference')
    expect(ticked()).toEqual(['card-fields-country', 'card-fields-reference'])
    expect($('label[for="card-fields-country"]')!.textContent).toBe('Country country')
    expect($('legend')!.textContent).toBe('Facts on the card')
    expect($<HTMLButtonElement>('#card-fields-country-up')!.disabled).toBe(true)
    expect($<HTMLButtonElement>('#card-fields-reference-down')!.disabled).toBe(true)
    expect($('#card-fields-created-up')).toBeNull()
  })

  it('should tick, untick and move through the form value', () => {
    const value = picker('country\nreference')
    act(() => $<HTMLInputElement>('#card-fields-created')!.click())
    expect(value.value).toBe('country\nreference\ncreated')
    act(() => $<HTMLButtonElement>('#card-fields-created-up')!.click())
    expect(value.value).toBe('country\ncreated\nreference')
    act(() => $<HTMLInputElement>('#card-fields-country')!.click())
    expect(value.value).toBe('created\nreference')
    expect(ticked()).toEqual(['card-fields-created', 'card-fields-reference'])
  })

  it('should disable every control and say the team set them when policy locks the facts', () => {
    picker('threat', { kind: 'locked' })
    expect($<HTMLFieldSetElement>('fieldset')!.disabled).toBe(true)
    expect($('[data-testid="locked-card-fields"]')!.textContent).toContain('Set by your team.')
    expect(root.querySelectorAll('button')).toHaveLength(0)
    expect($('fieldset')!.getAttribute('aria-describedby')).toBe('card-fields-hint card-fields-team')
  })

  it('should show a name that is no fact ticked, with the problem, and say when none is ticked', () => {
    picker('coutnry', null, 'The card knows no fact named coutnry.')
    expect(ticked()).toEqual(['card-fields-coutnry'])
    expect($('li.unknown label')!.textContent).toBe('Unknown name coutnry')
    expect($('#card-fields-problem')!.textContent).toBe('The card knows no fact named coutnry.')
    act(() => $<HTMLInputElement>('#card-fields-coutnry')!.click())
    expect($('[data-testid="card-fields-none"]')!.textContent).toBe('None ticked: the card shows them all.')
  })
})
