import { describe, expect, it } from 'vitest'
import type { Box } from './clip-boxes.ts'
import { clipRect, MIN_LINE_PX, MIN_SEEN_PX, seesText as seesLines, shapeBox, type Sight, type SightPass } from './agent-sight.ts'
import { intersect } from './clip-boxes.ts'

const el = {} as Element
const line: Box = { left: 100, top: 200, right: 300, bottom: 218 }
/** A pass over a page where `el`'s style shows its text or not, cut to `clips`. */
const pass = (clips: Box[], shows = true, ink = true, overlay: Sight = 'seen'): SightPass => ({
  styleShows: () => shows,
  clipOf: () =>
    clips.reduce<Box | null>((cut, box) => cut && intersect(cut, box), {
      left: -Infinity,
      top: -Infinity,
      right: Infinity,
      bottom: Infinity,
    }),
  inkShows: () => ink,
  backdrop: () => null,
  overlay: () => overlay,
})
const text = (rects: () => Box[]) => ({ rects, holds: () => false })
const seesText = (p: SightPass, e: Element, rects: Box[]) =>
  seesLines(
    p,
    e,
    text(() => rects),
  ) === 'seen'
const border: Box = { left: 10, top: 20, right: 110, bottom: 70 }

describe('seesText', () => {
  it('should see a line inside every clip', () => {
    expect(seesText(pass([{ left: 0, top: 0, right: 1000, bottom: 1000 }]), el, [line])).toBe(true)
    expect(seesText(pass([]), el, [line])).toBe(true)
  })

  it('should not see text whose style hides it (opacity 0, visibility, display), however it is laid out, nor measure its lines', () => {
    let measured = 0
    expect(
      seesLines(
        pass([], false),
        el,
        text(() => (measured++, [line])),
      ),
    ).toBe('hidden')
    expect(measured).toBe(0)
  })

  it('should not measure the lines of text in an element its clips leave no room in (a 1 px box)', () => {
    let measured = 0
    expect(
      seesLines(
        pass([{ left: 0, top: 0, right: 1, bottom: 1 }]),
        el,
        text(() => (measured++, [line])),
      ),
    ).toBe('hidden')
    expect(measured).toBe(0)
  })

  it('should not see text cut away by a clip, nor the pixel a 1 px box shows of it', () => {
    expect(seesText(pass([{ left: 0, top: 0, right: 50, bottom: 50 }]), el, [line])).toBe(false)
    const onePixel = { left: 100, top: 200, right: 101, bottom: 201 }
    expect(seesText(pass([onePixel]), el, [line])).toBe(false)
    const enough = { left: 100, top: 200, right: 100 + MIN_SEEN_PX, bottom: 200 + MIN_SEEN_PX }
    expect(seesText(pass([enough]), el, [line])).toBe(true)
  })

  it('should not see zero-sized text, nor text with no lines', () => {
    expect(seesText(pass([]), el, [{ left: 100, top: 200, right: 100, bottom: 200 }])).toBe(false)
    expect(seesText(pass([]), el, [])).toBe(false)
  })

  it('should see an ID wrapped over two lines when one of them shows', () => {
    const second: Box = { left: 0, top: 218, right: 80, bottom: 236 }
    expect(seesText(pass([{ left: 0, top: 210, right: 1000, bottom: 1000 }]), el, [line, second])).toBe(true)
  })

  it('should not see a line too small to read (a tiny font, or one squeezed by a transform), and see one just big enough', () => {
    const tiny = { left: 100, top: 200, right: 300, bottom: 200 + MIN_LINE_PX - 0.5 }
    expect(seesText(pass([]), el, [tiny])).toBe(false)
    expect(seesText(pass([]), el, [{ ...tiny, bottom: 200 + MIN_LINE_PX }])).toBe(true)
    expect(seesText(pass([]), el, [{ left: 100, top: 200, right: 104, bottom: 400 }])).toBe(false)
  })

  it('should not see text whose ink the agent cannot read, and pass on what the overlay check says', () => {
    expect(seesText(pass([], true, false), el, [line])).toBe(false)
    expect(
      seesLines(
        pass([], true, true, 'hidden'),
        el,
        text(() => [line]),
      ),
    ).toBe('hidden')
    expect(
      seesLines(
        pass([], true, true, 'unsure'),
        el,
        text(() => [line]),
      ),
    ).toBe('unsure')
  })

  it('should not see text before the document can scroll (off-screen forever)', () => {
    // The reach of a left-to-right document scrolled to its start: nothing left of 0 or above 0 ever shows.
    const reach = { left: 0, top: 0, right: Infinity, bottom: Infinity }
    expect(seesText(pass([reach]), el, [{ left: -10000, top: 120, right: -9800, bottom: 138 }])).toBe(false)
    expect(seesText(pass([reach]), el, [{ left: 10, top: 5000, right: 200, bottom: 5018 }])).toBe(true)
  })
})

describe('clipRect', () => {
  it('should cut to the rect, from the border box, auto meaning the edge', () => {
    expect(clipRect('rect(0px, 0px, 0px, 0px)', border)).toEqual([{ left: 10, top: 20, right: 10, bottom: 20 }])
    expect(clipRect('rect(5px, auto, auto, 5px)', border)).toEqual([{ left: 15, top: 25, right: 110, bottom: 70 }])
  })

  it('should cut nothing where it cannot read the value', () => {
    expect(clipRect('auto', border)).toEqual([])
    expect(clipRect('rect(1em, 2em, 3em, 4em)', border)).toEqual([])
  })
})

describe('shapeBox', () => {
  it('should cut an inset() to what it leaves of the border box', () => {
    expect(shapeBox('inset(50%)', border)).toEqual([{ left: 60, top: 45, right: 60, bottom: 45 }])
    expect(shapeBox('inset(10px 20px round 4px)', border)).toEqual([{ left: 30, top: 30, right: 90, bottom: 60 }])
  })

  it('should cut everything for a circle or ellipse of radius 0, and nothing for others', () => {
    expect(shapeBox('circle(0px at 50% 50%)', border)).toEqual([{ left: 10, top: 20, right: 10, bottom: 20 }])
    expect(shapeBox('ellipse(0px 10px at 50% 50%)', border)).toEqual([{ left: 10, top: 20, right: 10, bottom: 20 }])
    expect(shapeBox('circle(40% at 50% 50%)', border)).toEqual([])
  })

  it('should cut to the bounding box of a polygon', () => {
    expect(shapeBox('polygon(0px 0px, 0px 0px, 0px 0px)', border)).toEqual([{ left: 10, top: 20, right: 10, bottom: 20 }])
    expect(shapeBox('polygon(evenodd, 0% 0%, 50% 0%, 50% 100%)', border)).toEqual([{ left: 10, top: 20, right: 60, bottom: 70 }])
  })

  it('should cut nothing for a shape it cannot measure', () => {
    expect(shapeBox('url("#shape")', border)).toEqual([])
    expect(shapeBox('path("M 0 0 L 10 10")', border)).toEqual([])
    expect(shapeBox('inset(calc(10% + 2px))', border)).toEqual([])
  })
})
