import { describe, expect, it } from 'vitest'
import { VENDOR_NAMES } from '../api/vendor-name.ts'
import { ID_REGISTRY } from '../vendors/id-registry.ts'
import { chooseReply } from './choose.ts'
import { REPLY_TABLES, VENDOR_REPLIES } from './tables.ts'

describe('the merged reply tables', () => {
  it('has every vendor, and no name two vendors give different texts', () => {
    expect(Object.keys(VENDOR_REPLIES).sort()).toEqual([...VENDOR_NAMES].sort())
    for (const table of ['checks', 'reasons', 'codes'] as const) {
      const clashes = VENDOR_NAMES.flatMap((a) =>
        VENDOR_NAMES.filter((b) => a < b).flatMap((b) =>
          Object.keys(VENDOR_REPLIES[a][table])
            .filter((k) => Object.hasOwn(VENDOR_REPLIES[b][table], k) && VENDOR_REPLIES[a][table][k] !== VENDOR_REPLIES[b][table][k])
            .map((k) => `${table}.${k}: ${a}/${b}`),
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

describe("a vendor's statuses", () => {
  const kindOf = (name: string) => ID_REGISTRY.find((v) => v.name === name)!.kinds[0].kind
  const textOf = (name: string, status: string) => chooseReply({ kind: kindOf(name), status, failed: [] }).parts[0]!.text

  it('answer with its own texts', () => {
    for (const name of VENDOR_NAMES) {
      for (const [status, text] of Object.entries(VENDOR_REPLIES[name].statuses))
        expect(textOf(name, status), `${name} ${status}`).toBe(text)
    }
  })

  it("never answer for another vendor's record: a status only another vendor has is unknown to this one", () => {
    const borrowed = VENDOR_NAMES.flatMap((a) =>
      VENDOR_NAMES.filter((b) => b !== a).flatMap((b) =>
        Object.keys(VENDOR_REPLIES[a].statuses)
          .filter((s) => !Object.hasOwn(VENDOR_REPLIES[b].statuses, s))
          .map((s) => [b, s] as const),
      ),
    )
    expect(borrowed.length).toBeGreaterThan(0)
    for (const [name, status] of borrowed) {
      const own = VENDOR_REPLIES[name].reasonStatuses.includes(status) ? 'retry' : 'unknown'
      expect(textOf(name, status), `${name} ${status}`).toBe(own)
    }
  })
})
