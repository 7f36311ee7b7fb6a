/**
 * Persona-style cursor paging over a newest-first list (docs/vendors/persona.md §4): the cursor is an object id;
 * `after` = strictly older than it, `before` = strictly newer than it, always returned newest first.
 */

export interface CursorRequest {
  size: number
  after: string | null
  before: string | null
}

export interface CursorPage<T> {
  items: T[]
  /** Id for the `prev` link (`page[before]`), or null when nothing newer matches. */
  prevCursor: string | null
  /** Id for the `next` link (`page[after]`), or null when nothing older matches. */
  nextCursor: string | null
}

/**
 * @param all the whole collection, newest first
 * @param cursorPosition index of the cursor id in `all` (the caller has checked it exists)
 */
export function cursorPage<T extends { id: string }>(
  all: readonly T[],
  matches: (item: T) => boolean,
  request: CursorRequest,
  cursorPosition: number | null,
): CursorPage<T> {
  const items: T[] = []
  let first = -1
  let last = -1
  if (request.before !== null && cursorPosition !== null) {
    // Walk towards newer items, keep the `size` closest to the cursor, then restore newest-first.
    for (let i = cursorPosition - 1; i >= 0 && items.length < request.size; i--) {
      const item = all[i] as T
      if (matches(item)) {
        items.push(item)
        if (last === -1) last = i
        first = i
      }
    }
    items.reverse()
  } else {
    const start = request.after !== null && cursorPosition !== null ? cursorPosition + 1 : 0
    for (let i = start; i < all.length && items.length < request.size; i++) {
      const item = all[i] as T
      if (matches(item)) {
        items.push(item)
        if (first === -1) first = i
        last = i
      }
    }
  }
  if (items.length === 0) return { items, prevCursor: null, nextCursor: null }
  const anyMatch = (from: number, to: number, step: 1 | -1): boolean => {
    for (let i = from; step === 1 ? i < to : i >= to; i += step) if (matches(all[i] as T)) return true
    return false
  }
  return {
    items,
    prevCursor: anyMatch(first - 1, 0, -1) ? (items[0] as T).id : null,
    nextCursor: anyMatch(last + 1, all.length, 1) ? (items[items.length - 1] as T).id : null,
  }
}
