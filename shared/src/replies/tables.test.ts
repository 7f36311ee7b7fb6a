import { describe, expect, it } from 'vitest'
import { VENDOR_NAMES } from '../api/vendor-name.ts'
import { REPLY_TABLES, VENDOR_REPLIES } from './tables.ts'

describe('the merged reply tables', () => {
  it('has every vendor, and no name two vendors give different texts', () => {
    expect(Object.keys(VENDOR_REPLIES).sort()).toEqual([...VENDOR_NAMES].sort())
    for (const table of ['checks', 'reasons', 'codes', 'statuses'] as const) {
      const clashes = VENDOR_NAMES.flatMap((a) =>
        VENDOR_NAMES.filter((b) => a < b).flatMap((b) =>
          Object.keys(VENDOR_REPLIES[a][table]).filter((k) => Object.hasOwn(VENDOR_REPLIES[b][table], k) && VENDOR_REPLIES[a][table][k] !== VENDOR_REPLIES[b][table][k]).map((k) => `${table}.${k}: ${a}/${b}`),
        ),
      )
      expect(clashes).toEqual([])
    }
  })

  it('answers a name of no table with nothing, not an object property', () => {
    expect(REPLY_TABLES.statuses['constructor']).toBeUndefined()
    expect(REPLY_TABLES.checks['__proto__']).toBeUndefined()
  })
})
