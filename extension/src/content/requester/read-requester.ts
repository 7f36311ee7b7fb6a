import type { RequesterSpots } from '../../sites/requester-spots.ts'

export type ReadRequester = { field: 'email' | 'name'; value: string } | null

/**
 * Reads the ticket's requester in one frame: the first email spot holding an address, else the
 * first name spot holding a name. A spot `A >>> B` is a B anywhere under an A, open shadow roots
 * included (native shadow, as Salesforce's LWC moves to). Injected on the agent's click by
 * scripting.executeScript into the content script's world, so it is self-contained (no imports at
 * run time, no closures). Reads only (querySelector, a TreeWalker, attributes, textContent): no
 * layout, focus, event or write the page could notice.
 */
export function readRequester(spots: RequesterSpots): ReadRequester {
  const MAX = 254
  const MAX_ELEMENTS = 100_000
  const EMAIL = /[^\s<>()[\]"',;:@]+@[^\s<>()[\]"',;:@]+\.[^\s<>()[\]"',;:@]{2,}/
  type Root = Document | Element | ShadowRoot
  // `node`, then the open shadow roots under it, nested ones included (a closed one is not ours to see).
  const rootsUnder = (node: Document | Element): Root[] => {
    const own = (node as Element).shadowRoot
    const roots: Root[] = own ? [node, own] : [node]
    let seen = 0
    for (let i = 0; i < roots.length; i++) {
      const walker = document.createTreeWalker(roots[i]!, NodeFilter.SHOW_ELEMENT)
      for (let el = walker.nextNode() as Element | null; el && seen < MAX_ELEMENTS; el = walker.nextNode() as Element | null, seen++) {
        if (el.shadowRoot) roots.push(el.shadowRoot)
      }
    }
    return roots
  }
  let documentRoots: Root[] | null = null
  const query = (selector: string): Element[] => {
    let found: (Document | Element)[] = [document]
    for (const part of selector.split(' >>> ')) {
      const roots = found.flatMap((at) => (at === document ? (documentRoots ??= rootsUnder(document)) : rootsUnder(at)))
      found = roots.flatMap((root) => Array.from(root.querySelectorAll(part))).slice(0, 20)
    }
    return found as Element[]
  }
  const textOf = (spot: RequesterSpots['email'][number]): string[] => {
    const [selector, attribute] = typeof spot === 'string' ? [spot, null] : spot
    let found: Element[]
    try {
      found = query(selector)
    } catch {
      return []
    }
    return found.map((el) => {
      if (attribute) return el.getAttribute(attribute) ?? ''
      const href = el.getAttribute('href') ?? ''
      if (!href.toLowerCase().startsWith('mailto:')) return el.textContent ?? ''
      try {
        return decodeURIComponent(href.slice(7).split('?')[0] ?? '')
      } catch {
        return ''
      }
    })
  }
  for (const spot of spots.email) {
    for (const text of textOf(spot)) {
      const email = EMAIL.exec(text)?.[0]
      if (email && email.length <= MAX) return { field: 'email', value: email }
    }
  }
  for (const spot of spots.name) {
    for (const text of textOf(spot)) {
      const name = text.replace(/\s+/g, ' ').trim()
      if (name && name.length <= MAX && /\p{L}/u.test(name) && !name.includes('@')) return { field: 'name', value: name }
    }
  }
  return null
}
