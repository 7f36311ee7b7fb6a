/**
 * The facts a hover card can show, in the order a card shows them when the team chose none. Each
 * kind of ID has some of them (an event has no country); the card's size and controls are the same
 * whatever it shows (LookupCard.tsx).
 */
export const CARD_FIELDS = [
  'created',
  'updated',
  'reference',
  'inquiry',
  'event',
  'externalId',
  'progress',
  'threat',
  'country',
  'network',
  'about',
] as const

export type CardField = (typeof CARD_FIELDS)[number]

/**
 * A list of facts as policy or the agent wrote it: known keys (any case) in the order given, each
 * once; unknown keys are ignored. Undefined when that leaves none (the card's own choice applies).
 */
export function parseCardFields(raw: unknown): CardField[] | undefined {
  if (!Array.isArray(raw)) return undefined
  const byLower = new Map(CARD_FIELDS.map((f) => [f.toLowerCase(), f]))
  const known = raw.filter((v): v is string => typeof v === 'string').map((v) => byLower.get(v.trim().toLowerCase()))
  const fields = [...new Set(known.filter((f): f is CardField => f !== undefined))]
  return fields.length > 0 ? fields : undefined
}
