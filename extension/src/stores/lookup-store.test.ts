import { describe, expect, it } from 'vitest'
import { parseLookup } from './lookup-store.ts'

describe('parseLookup', () => {
  it.each([
    ['inq_zEx4jL84ShbUyuwX6AzPSqt6', 'inq_zEx4jL84ShbUyuwX6AzPSqt6'],
    ['  iqse_T8PrqpoEhwhUV1wHReuU9ofs\n', 'iqse_T8PrqpoEhwhUV1wHReuU9ofs'],
    ['evt_o9byQRbjygu76Jbtea9wuJ1boP7a', 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'],
    ['a1b2c3d4-e5f6-7890-abcd-ef1234567890', 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'],
    ['https://app.withpersona.com/dashboard/inquiries/inq_zEx4jL84ShbUyuwX6AzPSqt6', 'inq_zEx4jL84ShbUyuwX6AzPSqt6'],
    ['inq_ABC123', null],
    ['hello', null],
    ['', null],
  ])('should read %j as %j', (text, id) => {
    expect(parseLookup(text)).toBe(id)
  })
})
