import { describe, expect, it } from 'vitest'
import { rectAt, type Box } from '../marks/clip-boxes.ts'
import { isInViewport, placeCard } from './card-position.ts'

const viewport = { width: 1000, height: 800 }
const card = { width: 320, height: 200 }
const box = (left: number, top: number, width = 200, height = 18): Box => ({ left, top, right: left + width, bottom: top + height })
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

describe('placeCard', () => {
  it.each([
    ['below text in the upper part of the page', box(100, 100), 'below', 124],
    ['above text near the bottom', box(100, 700), 'above', 494],
    ['below when it just fits', box(100, 800 - 8 - 200 - 6 - 18), 'below', 800 - 8 - 200],
  ] as const)('should go %s', (_why, anchor, side, top) => {
    const p = placeCard({ anchor, card, viewport })
    expect(p.side).toBe(side)
    expect(p.top).toBe(top)
    expect(p.maxHeight).toBeUndefined()
  })

  it('should stay inside the viewport horizontally', () => {
    expect(placeCard({ anchor: box(900, 100), card, viewport }).left).toBe(1000 - 8 - 320)
    expect(placeCard({ anchor: box(-50, 100), card, viewport }).left).toBe(8)
  })

  it('should scroll inside the roomier side when neither side fits, still off the text', () => {
    const tall = { width: 320, height: 700 }
    const anchor = box(100, 300)
    const p = placeCard({ anchor, card: tall, viewport })
    expect(p.side).toBe('below')
    expect(p.maxHeight).toBe(800 - 8 - (318 + 6))
    expect(p.top + p.maxHeight!).toBeLessThanOrEqual(800 - 8)
  })

  // The promise the card makes: wherever the text is, the card never covers it.
  it('should never cover the text it describes', () => {
    for (let top = -30; top < 830; top += 37) {
      for (const height of [18, 60, 400]) {
        for (const cardHeight of [120, 350, 900]) {
          const anchor = box(300, top, 200, height)
          const p = placeCard({ anchor, card: { width: 320, height: cardHeight }, viewport })
          const placed = { left: p.left, top: p.top, right: p.left + 320, bottom: p.top + (p.maxHeight ?? cardHeight) }
          expect(overlaps(placed, anchor), `text at ${top}, ${height} high, card ${cardHeight} high`).toBe(false)
        }
      }
    }
  })
})

describe('rectAt', () => {
  it('should find the line box under the point, with a pixel of slack', () => {
    const lines = [box(100, 100, 300), box(0, 118, 50)]
    expect(rectAt(lines, 20, 120)).toBe(lines[1])
    expect(rectAt(lines, 401, 105)).toBe(lines[0])
    expect(rectAt(lines, 200, 130)).toBeNull()
  })
})

describe('isInViewport', () => {
  it('should accept partly visible boxes and refuse boxes scrolled away', () => {
    expect(isInViewport(box(10, -10), viewport)).toBe(true)
    expect(isInViewport(box(10, -40), viewport)).toBe(false)
    expect(isInViewport(box(10, 800), viewport)).toBe(false)
  })
})
