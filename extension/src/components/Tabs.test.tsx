// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { useSignal } from '@preact/signals'
import { afterEach, describe, expect, it } from 'vitest'
import { Tabs } from './Tabs.tsx'

const TABS = [
  { key: 'a', label: 'tabSessions' },
  { key: 'b', label: 'tabEvents' },
  { key: 'c', label: 'tabDeepidv' },
] as const

function Harness() {
  const selected = useSignal<'a' | 'b' | 'c'>('a')
  return (
    <Tabs id="t" label="Things" tabs={TABS} selected={selected.value} onSelect={(k) => (selected.value = k)}>
      <p>panel {selected.value}</p>
    </Tabs>
  )
}

describe('Tabs', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => render(null, root))

  const tab = (key: string) => root.querySelector<HTMLButtonElement>(`[data-testid=tab-${key}]`)!
  const press = (key: string) =>
    act(() => void root.querySelector('[role=tablist]')!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })))

  it('should be a tablist whose only tabbable tab is the selected one', () => {
    act(() => render(<Harness />, root))
    expect(root.querySelector('[role=tablist]')?.getAttribute('aria-label')).toBe('Things')
    expect(tab('a').getAttribute('aria-selected')).toBe('true')
    expect([tab('a').tabIndex, tab('b').tabIndex, tab('c').tabIndex]).toEqual([0, -1, -1])
    expect(root.querySelector('[role=tabpanel]')?.getAttribute('aria-labelledby')).toBe('t-tab-a')
  })

  it('should move and select with arrows, Home and End, wrapping around', () => {
    act(() => render(<Harness />, root))
    press('ArrowRight')
    expect(tab('b').getAttribute('aria-selected')).toBe('true')
    expect(document.activeElement).toBe(tab('b'))
    press('End')
    expect(tab('c').getAttribute('aria-selected')).toBe('true')
    press('ArrowRight')
    expect(tab('a').getAttribute('aria-selected')).toBe('true')
    press('ArrowLeft')
    press('Home')
    expect(root.textContent).toContain('panel a')
  })
})
