import type { LookupEntry } from '@idv-lens/shared/api'
import { UUID_KINDS } from '@idv-lens/shared/ids'
import { describe, expect, it } from 'vitest'
import { answeredKind, answeredKindLabel, answerFor, kindHeading } from './uuid-owner.ts'

const [first, second] = UUID_KINDS as [(typeof UUID_KINDS)[number], (typeof UUID_KINDS)[number]]
const UUID = 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46'
const notFound: LookupEntry = {
  found: false,
  id: UUID,
  kind: first,
  provider: 'deepidv',
  error: { code: 'not-found', status: 404, detail: 'gone' },
}
const failed: LookupEntry = { ...notFound, error: { code: 'upstream-unavailable', status: 503, detail: 'down' } }

describe('whose UUID it is', () => {
  it('is the kind the relay answered, among the candidates; else the kind it was marked as', () => {
    expect(answeredKind(first, { kind: second })).toBe(second)
    expect(answeredKind(first, undefined)).toBe(first)
    expect(answeredKind(first, { kind: 'persona-inquiry' }, UUID_KINDS)).toBe(first)
  })

  it('finds the answer for an ID in any letter case', () => {
    expect(answerFor(UUID.toUpperCase(), [notFound])).toBe(notFound)
    expect(answerFor('e7b8d4d3-18bc-4142-99e9-31e3eaecc18c', [notFound])).toBeUndefined()
  })

  it('names a UUID nobody has as such, and only a not-found one', () => {
    expect(answeredKindLabel(first, notFound)).toBe('UUID not found at any UUID vendor')
    expect(answeredKindLabel(first, failed)).toBe(kindHeading(first, false))
    expect(kindHeading(first, true)).toBe('UUID not found at any UUID vendor')
    expect(kindHeading('persona-inquiry', true)).toBe('Persona inquiry')
  })
})
