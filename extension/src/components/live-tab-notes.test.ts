import { describe, expect, it } from 'vitest'
import { liveTabNotes } from './live-tab-notes.ts'

describe('the Live tab count', () => {
  it('should say nothing when everything was seen', () => {
    expect(liveTabNotes(0)).toEqual({})
  })

  it('should show the count in the pill up to nine, and "9+" beyond, the exact count in words', () => {
    expect(liveTabNotes(4).live?.short).toBe('4')
    expect(liveTabNotes(9).live?.short).toBe('9')
    expect(liveTabNotes(150).live?.short).toBe('9+')
    expect(liveTabNotes(150).live?.text).toMatch(/150/)
  })
})
