import { describe, expect, it } from 'vitest'
import { CARD_FIELDS } from '../lib/card-fields.ts'
import { cardFieldRows, moveCardField, toggleCardField } from './card-fields-choice.ts'

describe('the card facts as a list to tick and order', () => {
  it('should list the chosen names in the card order, then the facts not chosen in the default order', () => {
    const rows = cardFieldRows('threat\nCountry\nthreat')
    expect(rows.map((r) => [r.name, r.checked])).toEqual([
      ['threat', true],
      ['country', true],
      ...CARD_FIELDS.filter((f) => f !== 'threat' && f !== 'country').map((f) => [f, false]),
    ])
  })

  it('should keep a name that is no fact, ticked and unknown, so it can be reported and unticked', () => {
    const rows = cardFieldRows('reference\ncoutnry')
    expect(rows.slice(0, 2)).toEqual([
      { name: 'reference', known: 'reference', checked: true },
      { name: 'coutnry', known: null, checked: true },
    ])
    expect(rows).toHaveLength(CARD_FIELDS.length + 1)
    expect(toggleCardField('reference\ncoutnry', 'coutnry')).toBe('reference')
  })

  it('should put a newly ticked fact last and drop an unticked one', () => {
    expect(toggleCardField('country\nreference', 'created')).toBe('country\nreference\ncreated')
    expect(toggleCardField('country\nreference', 'country')).toBe('reference')
    expect(toggleCardField('country', 'country')).toBe('')
  })

  it('should move a chosen fact one place, and leave the order alone at either end', () => {
    expect(moveCardField('country\nreference\ncreated', 'created', -1)).toBe('country\ncreated\nreference')
    expect(moveCardField('country\nreference\ncreated', 'country', 1)).toBe('reference\ncountry\ncreated')
    expect(moveCardField('country\nreference', 'country', -1)).toBe('country\nreference')
    expect(moveCardField('country\nreference', 'reference', 1)).toBe('country\nreference')
    expect(moveCardField('country\nreference', 'threat', -1)).toBe('country\nreference')
  })
})
