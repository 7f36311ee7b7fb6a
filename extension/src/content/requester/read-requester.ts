import type { RequesterSpots } from '../../sites/requester-spots.ts'

export type ReadRequester = { field: 'email' | 'name'; value: string } | null

/**
 * Reads the ticket's requester in one frame: the first email spot holding an address, else the
 * first name spot holding a name. Injected on the agent's click by scripting.executeScript into the
 * content script's world, so it is self-contained (no imports at run time, no closures). Reads only
 * (querySelector, attributes, textContent): no layout, focus, event or write the page could notice.
 */
export function readRequester(spots: RequesterSpots): ReadRequester {
  const MAX = 254
  const EMAIL = /[^\s<>()[\]"',;:@]+@[^\s<>()[\]"',;:@]+\.[^\s<>()[\]"',;:@]{2,}/
  const textOf = (spot: RequesterSpots['email'][number]): string[] => {
    const [selector, attribute] = typeof spot === 'string' ? [spot, null] : spot
    let found: Element[]
    try {
      found = Array.from(document.querySelectorAll(selector)).slice(0, 20)
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
