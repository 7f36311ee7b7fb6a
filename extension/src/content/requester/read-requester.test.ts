// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { readRequester } from './read-requester.ts'

const page = (html: string) => (document.body.innerHTML = html)

describe('readRequester', () => {
  afterEach(() => page(''))

  it('should take the first email spot holding an address: a mailto link, an attribute, or text around it', () => {
    page('<a class="m" href="mailto:Jane%40doe.com?subject=Hi">write</a>')
    expect(readRequester({ email: ['a.m'], name: [] })).toEqual({ field: 'email', value: 'Jane@doe.com' })
    page('<span class="gD" email="jane@doe.com" name="Jane Doe">Jane</span>')
    expect(readRequester({ email: [['span.gD', 'email']], name: [['span.gD', 'name']] })).toEqual({ field: 'email', value: 'jane@doe.com' })
    page('<div id="e">Email: jane@doe.com (work)</div>')
    expect(readRequester({ email: ['#e'], name: [] })).toEqual({ field: 'email', value: 'jane@doe.com' })
  })

  it('should fall back to the name, its whitespace folded, when no spot holds an address', () => {
    page('<div id="e"></div><div id="n">  Jane\n   Doe </div>')
    expect(readRequester({ email: ['#e'], name: ['#n'] })).toEqual({ field: 'name', value: 'Jane Doe' })
  })

  it('should find nothing in empty spots, in a name that is an address, or with a selector the browser refuses', () => {
    page('<div id="n">jane@doe</div><div id="x">  </div>')
    expect(readRequester({ email: ['#x', '[broken'], name: ['#n', '#x', '#absent'] })).toBeNull()
  })

  it('should leave the page as it was', () => {
    page('<div id="e">jane@doe.com</div>')
    const before = document.body.innerHTML
    readRequester({ email: ['#e'], name: [] })
    expect(document.body.innerHTML).toBe(before)
  })
})
