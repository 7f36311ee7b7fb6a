import type { Box } from '../marks/clip-boxes.ts'

export type Size = { width: number; height: number }

/**
 * The card's one size, whatever it shows (the card sets it on itself): a page can map our box with
 * `document.elementFromPoint`, so a found inquiry's card must not be taller than a "not found" one.
 * It holds the largest card (a found Persona inquiry with its reason, case, both dates, reference,
 * threat level and country, in German), and the requester check's answer under it, without a
 * scrollbar; only a viewport too short for it scrolls.
 */
export const CARD_SIZE: Size = { width: 420, height: 404 }

export type Placement = {
  left: number
  top: number
  side: 'below' | 'above'
  /** Set when the card must scroll because neither side has room for all of it. */
  maxHeight?: number
}

export type PlaceOptions = {
  /** The text the card describes: the card never covers it. */
  anchor: Box
  card: Size
  viewport: Size
  /** Space between the text and the card. */
  gap?: number
  /** Space kept free at the viewport's edges. */
  margin?: number
}

/**
 * Where the card goes: below the text when it fits, above when only that fits, otherwise on the
 * roomier side with a max height (scrolling inside the card) — never over the text. Horizontally
 * it starts at the text's left edge and is pushed back inside the viewport.
 */
export function placeCard({ anchor, card, viewport, gap = 6, margin = 8 }: PlaceOptions): Placement {
  const below = viewport.height - margin - (anchor.bottom + gap)
  const above = anchor.top - gap - margin
  let side: Placement['side']
  let maxHeight: number | undefined
  if (card.height <= below) side = 'below'
  else if (card.height <= above) side = 'above'
  else {
    side = below >= above ? 'below' : 'above'
    maxHeight = Math.max(0, side === 'below' ? below : above)
  }
  const height = maxHeight ?? card.height
  const top = side === 'below' ? anchor.bottom + gap : anchor.top - gap - height

  const maxLeft = viewport.width - margin - card.width
  const left = Math.max(margin, Math.min(anchor.left, maxLeft))
  return maxHeight === undefined ? { left, top, side } : { left, top, side, maxHeight }
}

/** True when the box is at least partly inside the viewport. */
export const isInViewport = (box: Box, viewport: Size): boolean =>
  box.bottom > 0 && box.right > 0 && box.top < viewport.height && box.left < viewport.width
