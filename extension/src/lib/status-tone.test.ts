import { describe, expect, it } from 'vitest'
import { threatTone } from './status-tone.ts'

describe('threatTone', () => {
  it('should colour threat levels from low to high', () => {
    expect(['low', 'medium', 'high', undefined].map(threatTone)).toEqual(['good', 'warn', 'bad', 'neutral'])
  })
})
