import { CARD_FIELDS, parseCardFields, type CardField } from '../../lib/card-fields.ts'

/*
The facts the hover card shows, in order, as the background last said (the team's choice or the
agent's): the content script never reads the settings itself (scan/uuid-flag.ts). A plain holder,
not a signal: it is part of the eager script, and the card (loaded on first use) subscribes.
*/
let shown: readonly CardField[] = CARD_FIELDS
const listeners = new Set<(fields: readonly CardField[]) => void>()

export const shownCardFields = (): readonly CardField[] => shown

/** Calls `listener` with every change; returns the function that stops it. */
export function onCardFields(listener: (fields: readonly CardField[]) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Takes the background's answer; anything else (no answer) keeps every fact. */
export function takeCardFields(raw: unknown): void {
  const next = parseCardFields(raw) ?? CARD_FIELDS
  if (next.join() === shown.join()) return
  shown = next
  for (const listener of listeners) listener(next)
}
