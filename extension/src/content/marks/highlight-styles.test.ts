// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { createHighlightName, highlightStyles } from './highlights.ts'

/**
 * The style sheets the document holds, adopted or as <style> (the fallback). happy-dom's CSS parser
 * keeps no ::highlight() rule, so the rules themselves are checked in real Chromium (inline-lookups e2e).
 */
const highlightRules = (doc: Document) => [...doc.adoptedStyleSheets, ...Array.from(doc.querySelectorAll('style'))]

afterEach(() => {
  document.adoptedStyleSheets = []
  document.head.replaceChildren()
})

describe('highlightStyles', () => {
  it('should put nothing in the page until the first ensure (a page without IDs pays no highlight styles)', () => {
    const styles = highlightStyles(document, createHighlightName())
    styles.restore()
    expect(highlightRules(document)).toEqual([])
    styles.ensure()
    expect(highlightRules(document)).toHaveLength(1)
  })

  it('should install once, put the rules back after the page replaced its sheets, and leave nothing after remove', () => {
    const styles = highlightStyles(document, createHighlightName())
    styles.ensure()
    const installed = highlightRules(document)
    styles.ensure()
    expect(highlightRules(document)).toEqual(installed)
    document.adoptedStyleSheets = []
    document.head.replaceChildren()
    styles.restore()
    expect(highlightRules(document)).toEqual(installed)
    styles.remove()
    expect(highlightRules(document)).toEqual([])
    styles.restore()
    expect(highlightRules(document)).toEqual([])
  })
})
