import { describe, expect, it } from 'vitest'
import { contrast, over, parseColour, TRANSPARENT } from './colour.ts'

describe('parseColour', () => {
  it('should read computed rgb() and rgba(), and transparent', () => {
    expect(parseColour('rgb(12, 34, 56)')).toEqual([12, 34, 56, 1])
    expect(parseColour('rgba(0, 0, 0, 0)')).toEqual([0, 0, 0, 0])
    expect(parseColour('rgb(255 255 255 / 50%)')).toEqual([255, 255, 255, 0.5])
    expect(parseColour('transparent')).toEqual(TRANSPARENT)
  })

  it('should read only the alpha of another colour space, and nothing of what it cannot read', () => {
    const c = parseColour('oklch(0.5 0.1 30 / 0)')!
    expect(c[3]).toBe(0)
    expect(Number.isNaN(c[0])).toBe(true)
    expect(parseColour('oklch(0.5 0.1 30)')![3]).toBe(1)
    expect(parseColour('currentcolor')).toBeNull()
    expect(parseColour('')).toBeNull()
  })
})

describe('over and contrast', () => {
  const white = [255, 255, 255, 1] as const
  const black = [0, 0, 0, 1] as const

  it('should blend a translucent colour over another', () => {
    expect(over([0, 0, 0, 0.5], white)).toEqual([127.5, 127.5, 127.5, 1])
    expect(over(TRANSPARENT, white)).toEqual(white)
    expect(over(TRANSPARENT, TRANSPARENT)).toEqual(TRANSPARENT)
  })

  it('should give the WCAG ratio: 21 for black on white, 1 for a colour on itself', () => {
    expect(contrast(black, white)).toBeCloseTo(21)
    expect(contrast(white, white)).toBe(1)
    expect(contrast([250, 250, 250, 1], white)).toBeLessThan(1.1)
  })
})
