import { CARD_FIELDS, type CardField } from '../lib/card-fields.ts'

/**
 * The options page's card facts as a list to tick and order. The form keeps them as text, one name a
 * line (options-form.ts), so saving stores the same `cardFields` as ever; names that are no fact
 * (an older setting's) stay in the list, ticked, until the agent unticks them.
 */
export type CardFieldRow = { name: string; known: CardField | null; checked: boolean }

const byLower = new Map<string, CardField>(CARD_FIELDS.map((f) => [f.toLowerCase(), f]))
const knownName = (name: string) => byLower.get(name.toLowerCase()) ?? null

/** The names the card shows, in order, each once (a fact by its own spelling). */
function chosen(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((name) => knownName(name) ?? name),
    ),
  ]
}

/** The chosen names in the card's order, then the facts not chosen in the default order. */
export function cardFieldRows(text: string): CardFieldRow[] {
  const picked = chosen(text)
  const rest = CARD_FIELDS.filter((f) => !picked.includes(f))
  return [
    ...picked.map((name) => ({ name, known: knownName(name), checked: true })),
    ...rest.map((f) => ({ name: f, known: f, checked: false })),
  ]
}

/** Ticks a name (it goes last on the card) or unticks it. */
export function toggleCardField(text: string, name: string): string {
  const picked = chosen(text)
  return (picked.includes(name) ? picked.filter((n) => n !== name) : [...picked, name]).join('\n')
}

/** Moves a chosen name one place up (-1) or down (1); at an end, nothing changes. */
export function moveCardField(text: string, name: string, by: -1 | 1): string {
  const picked = chosen(text)
  const from = picked.indexOf(name)
  const to = from + by
  if (from < 0 || to < 0 || to >= picked.length) return picked.join('\n')
  ;[picked[from], picked[to]] = [picked[to]!, picked[from]!]
  return picked.join('\n')
}
