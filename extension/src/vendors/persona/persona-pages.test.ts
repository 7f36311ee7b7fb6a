import { describe, expect, it } from 'vitest'
import { personaNextCursor, personaPageQuery } from './persona-pages.ts'

describe('personaNextCursor', () => {
  it.each([
    ['/v1/persona/events?page%5Bafter%5D=evt_o9byQRbjygu76Jbtea9wuJ1boP7a&page%5Bsize%5D=25', 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'],
    [
      '/v1/persona/inquiry-sessions?filter%5Binquiry-id%5D=inq_zEx4jL84ShbUyuwX6AzPSqt6&page%5Bafter%5D=iqse_T8PrqpoEhwhUV1wHReuU9ofs',
      'iqse_T8PrqpoEhwhUV1wHReuU9ofs',
    ],
    // Only a backwards link: no next page.
    ['/v1/persona/events?page%5Bbefore%5D=evt_o9byQRbjygu76Jbtea9wuJ1boP7a', null],
    [null, null],
  ])('should read the cursor of %j', (link, cursor) => {
    expect(personaNextCursor(link)).toBe(cursor)
  })
})

describe('personaPageQuery', () => {
  it("should ask in Persona's terms", () => {
    expect(personaPageQuery(10, null)).toEqual({ 'page[size]': '10' })
    expect(personaPageQuery(10, 'evt_x')).toEqual({ 'page[size]': '10', 'page[after]': 'evt_x' })
  })
})
