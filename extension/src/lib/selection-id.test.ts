import { describe, expect, it } from 'vitest'
import { idFromSelection } from './selection-id.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'

describe('idFromSelection', () => {
  it.each([
    ['a whole ID', INQ, INQ],
    ['an ID with spaces around it', `  ${INQ}\n`, INQ],
    ['a bare UUID, which counts here on any site', UUID, UUID],
    ['a dashboard link', `https://app.withpersona.com/dashboard/inquiries/${INQ}`, INQ],
    ['a sentence with an ID', `customer says ${INQ} failed`, INQ],
    ['nothing useful', 'hello world', null],
    ['nothing at all', '', null],
  ])('should read %s', (_why, text, expected) => {
    expect(idFromSelection(text)?.id ?? null).toBe(expected)
  })
})
