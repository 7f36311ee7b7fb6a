// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { createMarkLayer, MARKS_TAG } from './marks/mark-layer.ts'
import { createUiHost } from './ui-host.ts'
import { UI_TAG } from './ui-tag.ts'

const ours = () => [...document.documentElement.children].map((el) => el.localName).filter((tag) => tag === MARKS_TAG || tag === UI_TAG)

afterEach(() => {
  for (const el of document.querySelectorAll(`${MARKS_TAG}, ${UI_TAG}`)) el.remove()
})

describe('createUiHost', () => {
  it('should stay out of the page until the marks host goes in, then go in with it in the same call', () => {
    const ui = createUiHost(document)
    const layer = createMarkLayer(document, ui)
    expect(ours()).toEqual([])
    layer.attach()
    expect(ours()).toEqual([MARKS_TAG, UI_TAG])
    expect(document.documentElement.lastElementChild).toBe(ui.host)
  })

  it('should come back with the marks host when the page removed it, and only once', () => {
    const ui = createUiHost(document)
    const layer = createMarkLayer(document, ui)
    layer.attach()
    ui.host.remove()
    layer.attach()
    layer.attach()
    expect(ours()).toEqual([MARKS_TAG, UI_TAG])
  })

  it('should go in on its own when the controls come first (no mark drawn yet), and give the page no handle on its shadow root', () => {
    const ui = createUiHost(document)
    ui.attach()
    expect(ours()).toEqual([UI_TAG])
    expect(ui.host.shadowRoot).toBeNull()
    expect(ui.shadow.querySelector('style')?.textContent).toContain('position:absolute!important')
  })
})
