import { describe, expect, it } from 'vitest'
import { parseCardFields } from './card-fields.ts'

describe('parseCardFields', () => {
  it('should keep known facts (any case) in the order given, each once, and ignore unknown ones', () => {
    expect(parseCardFields(['threat', 'no-such-fact', 'Country', 'threat'])).toEqual(['threat', 'country'])
  })

  it('should leave the card its own choice when nothing known is left, or nothing was said', () => {
    expect(parseCardFields(['no-such-fact'])).toBeUndefined()
    expect(parseCardFields(null)).toBeUndefined()
  })
})
