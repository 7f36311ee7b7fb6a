import { MAX_UPSTREAM_BYTES } from './read-capped.ts'

/**
 * Deeper than any documented body nests (a Persona event payload's checks are about ten levels): the
 * allowlists and `JSON.stringify` walk what is below, and deep nesting is how a body exhausts a stack.
 */
export const MAX_BODY_DEPTH = 64
/** Objects and arrays in one body; a documented page of a hundred objects with their includes has far fewer. */
export const MAX_BODY_CONTAINERS = 250_000

export type BodyBounds = { maxDepth: number; maxContainers: number; maxChars: number }
export const BODY_BOUNDS: BodyBounds = { maxDepth: MAX_BODY_DEPTH, maxContainers: MAX_BODY_CONTAINERS, maxChars: MAX_UPSTREAM_BYTES }

const QUOTE = 34
const BACKSLASH = 92
const OPEN_OBJECT = 123
const OPEN_ARRAY = 91
const CLOSE_OBJECT = 125
const CLOSE_ARRAY = 93

/**
 * Why `text` is out of bounds, or null: measured on the text, before it is parsed, in one pass with
 * no recursion. Strings are skipped whole (a bracket inside one is not nesting); a malformed body is
 * left to JSON.parse to refuse.
 */
export function outOfBounds(text: string, bounds: BodyBounds = BODY_BOUNDS): string | null {
  if (text.length > bounds.maxChars) return `the body: longer than ${bounds.maxChars} characters`
  let depth = 0
  let containers = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      // The closing quote is the next one not escaped by an odd run of backslashes.
      let end = text.indexOf('"', i + 1)
      for (;;) {
        if (end < 0) return null
        let slashes = 0
        while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++
        if (slashes % 2 === 0) break
        end = text.indexOf('"', end + 1)
      }
      i = end
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth++
      containers++
      if (depth > bounds.maxDepth) return `the body: nested deeper than ${bounds.maxDepth} levels`
      if (containers > bounds.maxContainers) return `the body: more than ${bounds.maxContainers} objects and arrays`
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--
    }
  }
  return null
}
