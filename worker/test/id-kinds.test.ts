import { ID_PATTERNS, isUuidShaped } from '@idv-lens/shared/ids'
import { describe, expect, it } from 'vitest'
import { idKindsInWords, withArticle } from '../src/validation/id-kinds.ts'
import { problemOf, testRelay } from './helpers.ts'

/**
 * The refusals and the contract name the ID kinds from the shared ID table (validation/id-kinds.ts),
 * in the words they always had: a vendor's new kind joins them without an edit to the routes.
 */
describe('the ID kinds in words', () => {
  it('reads as the refusals always have, for every kind of the registry', () => {
    const prefixes = ID_PATTERNS.flatMap((p) => (p.prefix === null ? [] : [p.prefix]))
    const bare = ID_PATTERNS.flatMap((p) => (p.prefix === null ? [`${withArticle(p.label)} ${isUuidShaped(p) ? 'UUID' : 'ID'}`] : []))
    expect(prefixes).toEqual(expect.arrayContaining(['inq_', 'vs_']))
    expect(bare).toEqual(expect.arrayContaining(['a deepidv session UUID', 'an Onfido workflow run UUID', 'a Sumsub applicant ID']))
    expect(
      idKindsInWords(
        (group) => `an ${group} ID`,
        (label, noun) => `${withArticle(label)} ${noun}`,
      ),
    ).toBe(`an ${prefixes.join(', ')} ID, ${bare.slice(0, -1).join(', ')} or ${bare.at(-1)}`)
  })

  it('names every kind of any table: prefixes as one group, then each kind without a prefix', () => {
    const kinds = (...patterns: { prefix: string | null; label: string }[]) =>
      idKindsInWords(
        (prefixes) => `[${prefixes}]`,
        (label) => `<${label}>`,
        patterns,
      )
    expect(kinds({ prefix: 'a_', label: 'A' })).toBe('[a_]')
    expect(kinds({ prefix: null, label: 'X' }, { prefix: null, label: 'Y' }, { prefix: null, label: 'Z' })).toBe('<X>, <Y> or <Z>')
    expect(kinds({ prefix: null, label: 'X' }, { prefix: 'a_', label: 'A' }, { prefix: 'b_', label: 'B' })).toBe('[a_, b_] or <X>')
  })

  it('answers a lookup of something that is no ID with the words of the whole table', async () => {
    const res = await testRelay().get('/v1/lookup?ids=hello')
    expect(res.status).toBe(400)
    expect((await problemOf(res)).detail).toContain(
      `holds "hello", which is not ${idKindsInWords(
        (group) => `an ${group} ID`,
        (label, noun) => `${withArticle(label)} ${noun}`,
      )}`,
    )
  })
})
