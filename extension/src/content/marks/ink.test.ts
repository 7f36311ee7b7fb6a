import { describe, expect, it } from 'vitest'
import { filterOf, masksAway } from './ink.ts'

describe('filterOf', () => {
  it('should read the opacity() and blur() of a computed filter, together', () => {
    expect(filterOf('none')).toEqual({ opacity: 1, blur: 0 })
    expect(filterOf('opacity(0)')).toEqual({ opacity: 0, blur: 0 })
    expect(filterOf('opacity(50%) blur(3px) opacity(0.5)')).toEqual({ opacity: 0.25, blur: 3 })
    expect(filterOf('blur(3px) blur(4px)').blur).toBeCloseTo(5)
  })

  it('should take other functions for nothing', () => {
    expect(filterOf('drop-shadow(rgba(0, 0, 0, 0.5) 2px 2px 4px) url("#f")')).toEqual({ opacity: 1, blur: 0 })
  })
})

describe('masksAway', () => {
  it('should mask away gradients whose every stop is transparent', () => {
    expect(masksAway('linear-gradient(rgba(0, 0, 0, 0), rgba(0, 0, 0, 0))')).toBe(true)
    expect(masksAway('radial-gradient(transparent 0%, transparent 100%), linear-gradient(rgba(0, 0, 0, 0), rgba(0, 0, 0, 0))')).toBe(true)
  })

  it('should let through a gradient with an opaque stop, an image we cannot read, or no mask', () => {
    expect(masksAway('linear-gradient(rgb(0, 0, 0), rgba(0, 0, 0, 0))')).toBe(false)
    expect(masksAway('url("mask.png")')).toBe(false)
    expect(masksAway('none')).toBe(false)
    expect(masksAway('')).toBe(false)
  })
})
