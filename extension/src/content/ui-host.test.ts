// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
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

describe('the hosts in the top layer', () => {
  /*
  happy-dom has no popovers: a stand-in top layer, in the order hosts were shown, as the browser keeps
  it. The real one is in test/e2e/hostile-pages.e2e.test.ts.
  */
  const shown: Element[] = []
  const topLayer = () => shown.map((el) => el.localName)
  /** What the page does, and what the browser does with it: a removed popover leaves the top layer. */
  const pageRemoves = (el: Element) => {
    el.remove()
    shown.splice(shown.indexOf(el), 1)
  }
  beforeEach(() => {
    shown.length = 0
    const proto = HTMLElement.prototype as unknown as Record<string, unknown>
    proto.showPopover = function (this: HTMLElement) {
      if (!this.isConnected) throw new DOMException('not in the page', 'InvalidStateError')
      if (!shown.includes(this)) shown.push(this)
    }
    proto.hidePopover = function (this: HTMLElement) {
      shown.splice(shown.indexOf(this) >>> 0, 1)
    }
    onTestFinished(() => {
      delete proto.showPopover
      delete proto.hidePopover
    })
  })

  it('should show the UI host above the marks, and again above them when the page removed the marks host', () => {
    const ui = createUiHost(document)
    const layer = createMarkLayer(document, ui)
    layer.attach()
    expect(topLayer()).toEqual([MARKS_TAG, UI_TAG])
    pageRemoves(document.querySelector(MARKS_TAG)!)
    expect(topLayer()).toEqual([UI_TAG])
    layer.attach()
    expect(topLayer()).toEqual([MARKS_TAG, UI_TAG])
    layer.attach()
    expect(topLayer()).toEqual([MARKS_TAG, UI_TAG])
  })

  it('should keep a host the page would not let into the top layer in the page, as styled', () => {
    const ui = createUiHost(document)
    ;(ui.host as unknown as { showPopover: () => void }).showPopover = () => {
      throw new DOMException('the page removed it in beforetoggle', 'InvalidStateError')
    }
    expect(ui.attach()).toBe(true)
    expect(ours()).toEqual([UI_TAG])
    expect(ui.host.getAttribute('popover')).toBe('manual')
  })
})
