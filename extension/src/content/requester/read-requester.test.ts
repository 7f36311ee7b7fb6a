// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { firstRequester, readRequesterParts } from './read-requester.ts'
import type { RequesterSpots } from '../../sites/requester-spots.ts'

/** The requester check's one value, as the background picks it from what the frame shows. */
const readRequester = (spots: RequesterSpots) => firstRequester(readRequesterParts(spots))

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

describe('readRequester in open shadow roots', () => {
  afterEach(() => page(''))

  /** A host in the light DOM, its open root holding `html`; returns that root. */
  const hostWith = (html: string, tag = 'x-host', under: ParentNode = document.body): ShadowRoot => {
    const host = document.createElement(tag)
    under.append(host)
    const root = host.attachShadow({ mode: 'open' })
    root.innerHTML = html
    return root
  }

  it('should find a spot inside nested open roots (native shadow), the light DOM first', () => {
    const outer = hostWith('<x-item field-label="Contact Email"></x-item>')
    hostWith(
      '<a class="m" href="mailto:jane@doe.com">jane@doe.com</a>',
      'x-email',
      outer.querySelector('x-item')!.attachShadow({ mode: 'open' }),
    )
    expect(readRequester({ email: ['a.m'], name: [] })).toEqual({ field: 'email', value: 'jane@doe.com' })
    document.body.insertAdjacentHTML('afterbegin', '<a class="m" href="mailto:light@doe.com">light</a>')
    expect(readRequester({ email: ['a.m'], name: [] })).toEqual({ field: 'email', value: 'light@doe.com' })
  })

  it('should take `A >>> B` as a B under an A across shadow roots, and in its light DOM', () => {
    const item = hostWith('<x-item field-label="Contact Name"></x-item>').querySelector('x-item')!
    hostWith('<span>Contact Name</span><a>Jane Doe</a>', 'x-lookup', item.attachShadow({ mode: 'open' }))
    hostWith('<a>Someone Else</a>', 'x-lookup')
    expect(readRequester({ email: [], name: ['[field-label="Contact Name"] >>> x-lookup >>> a'] })).toEqual({
      field: 'name',
      value: 'Jane Doe',
    })
    page('<x-item field-label="Contact Name"><x-lookup><a>Jane Light</a></x-lookup></x-item>')
    expect(readRequester({ email: [], name: ['[field-label="Contact Name"] >>> x-lookup >>> a'] })).toEqual({
      field: 'name',
      value: 'Jane Light',
    })
  })

  it('should not see into a closed shadow root', () => {
    page('<div id="host"></div>')
    document.getElementById('host')!.attachShadow({ mode: 'closed' }).innerHTML = '<span class="n">Jane Doe</span>'
    expect(readRequester({ email: [], name: ['.n', '#host >>> .n'] })).toBeNull()
  })
})

describe('readRequesterParts', () => {
  afterEach(() => page(''))

  it("should read the customer's reference beside the email and the name: a field's text, or an input's value", () => {
    page('<div id="e">jane@doe.com</div><div id="n">Jane Doe</div><div id="r">  user-7431 </div>')
    expect(readRequesterParts({ email: ['#e'], name: ['#n'], reference: ['#r'] })).toEqual({
      email: 'jane@doe.com',
      name: 'Jane Doe',
      reference: 'user-7431',
    })
    page('<label>External ID <input id="r" value="user-7431"></label>')
    expect(readRequesterParts({ email: [], name: [], reference: ['#r'] })).toEqual({ email: null, name: null, reference: 'user-7431' })
  })

  it('should take no label or sentence for a reference, and read none where no reference spot is given', () => {
    page('<div id="r">External ID: user-7431</div><div id="s">user-7431</div>')
    expect(readRequesterParts({ email: [], name: [], reference: ['#r', '#s'] }).reference).toBe('user-7431')
    expect(readRequesterParts({ email: [], name: [], reference: ['#r', '#absent'] }).reference).toBeNull()
    expect(readRequesterParts({ email: [], name: [] }).reference).toBeNull()
  })
})
