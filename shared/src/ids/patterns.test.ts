import { describe, expect, it } from 'vitest'
import { VENDOR_NAMES } from '../api/vendor-name.ts'
import { ID_PATTERNS, MAX_IDS_PER_LOOKUP, UUID_KINDS, canonicalId, getIdPattern, vendorOfKind, type IdKind } from './patterns.ts'
import { ID_EXAMPLES } from './id-examples.ts'
import { ID_REGISTRY } from '../vendors/id-registry.ts'
import { classifyId, isIdOfKind, scanIds } from './scan.ts'

// Every kind the vendors' folders declare (not the table under test), so the "has examples" test
// below covers a kind even when someone forgets its entry.
const ALL_KINDS: IdKind[] = ID_REGISTRY.flatMap((v) => v.kinds.map((k) => k.kind))

const ALL_EXAMPLES = ID_PATTERNS.flatMap((p) => ID_EXAMPLES[p.kind].map((id) => ({ owner: p.kind as IdKind, id })))

const whereToFix = (kind: IdKind, id: string) =>
  `\n• Is ${id} a ${kind} ID? Add it to ID_EXAMPLES['${kind}'] in id-examples.ts.` +
  `\n• Is it not? The '${kind}' pattern is wrong and should be fixed.`

describe('ID_PATTERNS', () => {
  it.each(ALL_KINDS)('should have exactly one entry with examples for %s', (kind) => {
    const entries = ID_PATTERNS.filter((p) => p.kind === kind)
    expect(entries.length, `The kind '${kind}' needs exactly one entry in ID_PATTERNS`).toBe(1)
    expect(
      ID_EXAMPLES[kind].length,
      `The kind '${kind}' doesn't have any examples: add real-looking IDs to ID_EXAMPLES in id-examples.ts`,
    ).toBeGreaterThan(0)
  })

  it.each(ID_PATTERNS)('should declare $kind consistently', (p) => {
    expect(p.exact.flags, `'${p.kind}'.exact must have no flags: g/y make .test() stateful, i would accept INQ_`).toBe('')
    expect(p.exact.source, `'${p.kind}'.exact must be anchored with ^…$, it validates whole values`).toMatch(/^\^.*\$$/)
    expect(p.kind.startsWith(`${p.provider}-`), `'${p.kind}' should be named after its provider '${p.provider}'`).toBe(true)
    expect(p.label.length, `'${p.kind}' needs a label people can read`).toBeGreaterThan(0)
    for (const id of ID_EXAMPLES[p.kind]) {
      if (p.prefix !== null) expect(id.startsWith(p.prefix), `${id} should start with '${p.prefix}'`).toBe(true)
    }
  })

  it('should not list the same example twice', () => {
    const ids = ALL_EXAMPLES.map((e) => e.id)
    expect(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      'Remove the duplicate examples',
    ).toEqual([])
  })

  it('should batch lookups to the 100 IDs Persona takes in filter[inquiry-id]', () => {
    expect(MAX_IDS_PER_LOOKUP).toBe(100)
  })
})

// The github-url-detection cross-matrix: every kind accepts its own examples and no one else's.
for (const p of ID_PATTERNS) {
  describe(p.kind, () => {
    for (const { owner, id } of ALL_EXAMPLES) {
      // UUID kinds share one shape: text names the first, and the relay asks each UUID vendor.
      const shared = UUID_KINDS.includes(owner) && UUID_KINDS.includes(p.kind)
      if (owner === p.kind || shared) {
        it(`YES ${id}`, () => {
          const named = shared ? UUID_KINDS[0] : p.kind
          expect(classifyId(id), `classifyId is wrong.${whereToFix(p.kind, id)}`).toBe(named)
          expect(isIdOfKind(id, p.kind), `isIdOfKind is wrong.${whereToFix(p.kind, id)}`).toBe(true)
          expect(scanIds(id, { uuids: true }), `scanIds should find the whole value.${whereToFix(p.kind, id)}`).toEqual([
            { kind: named, value: id, index: 0, length: id.length },
          ])
          expect(scanIds(`See ${id}.`, { uuids: true }), `scanIds should find it in a sentence`).toEqual([
            { kind: named, value: id, index: 4, length: id.length },
          ])
        })
      } else {
        it(`NO ${id}`, () => {
          const found = scanIds(id, { uuids: true }).filter((m) => m.kind === p.kind)
          const fix =
            `\n• This is an example of '${owner}', and '${p.kind}' must not claim it.` +
            `\n• Narrow the '${p.kind}' pattern, or move the example if it belongs to '${p.kind}'.`
          expect(isIdOfKind(id, p.kind), `isIdOfKind accepts another kind's ID.${fix}`).toBe(false)
          expect(found, `scanIds reports another kind's ID as '${p.kind}'.${fix}`).toEqual([])
        })
      }
    }
  })
}

describe("an ID's vendor and spelling", () => {
  it("derives every kind's vendor from its pattern, and every vendor is a known name", () => {
    for (const kind of ALL_KINDS) {
      expect(vendorOfKind(kind)).toBe(getIdPattern(kind).provider)
      expect(VENDOR_NAMES).toContain(vendorOfKind(kind))
    }
  })

  it("lower-cases a UUID and nothing of Persona's", () => {
    expect(canonicalId('3F2504E0-4F89-41D3-9A0C-0305E82C3301', 'deepidv-session')).toBe('3f2504e0-4f89-41d3-9a0c-0305e82c3301')
    expect(canonicalId('inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e', 'persona-inquiry')).toBe('inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e')
    for (const p of ID_PATTERNS) expect(p.caseless, `'${p.kind}'`).toBe(p.prefix === null)
    expect(UUID_KINDS).toEqual(['deepidv-session', 'onfido-workflow-run'])
  })
})
