import type { RequesterSpot, RequesterSpots } from '../../sites/requester-spots.ts'

export type ReadRequester = { field: 'email' | 'name'; value: string } | null

/** What one frame shows of the requester: each part null where no spot holds one. */
export type RequesterParts = { email: string | null; name: string | null; reference: string | null }

/** The requester check's one value: the email where the ticket shows one, else the name. */
export function firstRequester(parts: RequesterParts | null | undefined): ReadRequester {
  if (parts?.email) return { field: 'email', value: parts.email }
  return parts?.name ? { field: 'name', value: parts.name } : null
}

/**
 * Reads the ticket's requester in one frame: the first email spot holding an address, the first
 * name spot holding a name, the first reference spot holding one word (a field's value, an input's
 * too). A spot `A >>> B` is a B under an A, open shadow roots included (Salesforce's native shadow).
 * Injected on the agent's click by scripting.executeScript, so self-contained (no imports, no
 * closures). Reads only (querySelector, a TreeWalker, attributes, textContent, an input's value).
 */
export function readRequesterParts(spots: RequesterSpots): RequesterParts {
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
  // A selector the browser refuses, a mailto link that does not decode: nothing read there.
  const attempt = <T>(read: () => T, fallback: T): T => {
    try {
      return read()
    } catch {
      return fallback
    }
  }
  const textOf = (spot: RequesterSpot): string[] => {
    const [selector, attribute] = typeof spot === 'string' ? [spot, null] : spot
    return attempt(() => query(selector), []).map((el) => {
      if (attribute) return el.getAttribute(attribute) ?? ''
      if (el instanceof HTMLInputElement) return el.value
      const href = el.getAttribute('href') ?? ''
      if (!href.toLowerCase().startsWith('mailto:')) return el.textContent ?? ''
      return attempt(() => decodeURIComponent(href.slice(7).split('?')[0] ?? ''), '')
    })
  }
  const first = (list: readonly RequesterSpot[] | undefined, pick: (text: string) => string | null): string | null => {
    for (const spot of list ?? []) {
      for (const text of textOf(spot)) {
        const value = pick(text)
        if (value && value.length <= MAX) return value
      }
    }
    return null
  }
  return {
    email: first(spots.email, (text) => EMAIL.exec(text)?.[0] ?? null),
    name: first(spots.name, (text) => {
      const name = text.replace(/\s+/g, ' ').trim()
      return /\p{L}/u.test(name) && !name.includes('@') ? name : null
    }),
    // One printable word: a label or a sentence around it is not a reference.
    reference: first(spots.reference, (text) => (/^[^\s\u0000-\u001f\u007f]+$/.test(text.trim()) ? text.trim() : null)),
  }
}
