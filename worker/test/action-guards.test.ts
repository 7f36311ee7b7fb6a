/** The gate's day counts (gate/action-guards.ts): the rows kept under the table's first name still count after the move. */
import { runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { ActionGuards } from '../src/gate/action-guards.ts'
import { VENDOR_GATE } from './helpers.ts'

describe("an action's day count", () => {
  it('keeps the counts of the first table after moving them to daily_actions', async () => {
    const gates = VENDOR_GATE as unknown as DurableObjectNamespace
    const stub = gates.get(gates.idFromName(`action-guards-move-${crypto.randomUUID()}`))
    await runInDurableObject(stub, (_gate, state) => {
      const sql = state.storage.sql
      const now = Date.UTC(2026, 10, 26, 12)
      sql.exec('DROP TABLE IF EXISTS daily_actions')
      sql.exec(
        'CREATE TABLE one_time_links (object TEXT NOT NULL, attempt TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (object, attempt))',
      )
      for (let n = 0; n < 4; n++) sql.exec('INSERT INTO one_time_links VALUES (?, ?, ?)', 'object-a', `attempt-${n}`, now - n * 60_000)
      const guards = new ActionGuards(sql)
      expect(sql.exec("SELECT name FROM sqlite_master WHERE name = 'one_time_links'").toArray()).toEqual([])
      expect(guards.countDaily('object-a', 'attempt-0', now, 5)).toEqual({ allowed: true, counted: false })
      expect(guards.countDaily('object-a', 'attempt-new', now, 5)).toEqual({ allowed: true, counted: true })
      expect(guards.countDaily('object-a', 'attempt-more', now, 5)).toMatchObject({ allowed: false })
    })
  })
})

describe('a keyed attempt made where the vendor takes no key', () => {
  it('is remembered for 24 h from its 2xx, and forgotten when its count is given back', async () => {
    const gates = VENDOR_GATE as unknown as DurableObjectNamespace
    const stub = gates.get(gates.idFromName(`action-guards-made-${crypto.randomUUID()}`))
    await runInDurableObject(stub, (_gate, state) => {
      const guards = new ActionGuards(state.storage.sql)
      const now = Date.UTC(2026, 10, 26, 12)
      const guard = { once: { object: 'object-a', attempt: 'attempt-1' } }
      expect(guards.pass('alice', guard, now)).toEqual({ kind: 'passed', counted: false })
      guards.made('object-a', 'attempt-1', now)
      expect(guards.pass('alice', guard, now + 24 * 3600_000 - 1)).toEqual({ kind: 'refused', reason: 'already-made', madeAt: now })
      expect(guards.pass('alice', guard, now + 24 * 3600_000)).toEqual({ kind: 'passed', counted: false })
      guards.made('object-a', 'attempt-1', now)
      guards.uncountDaily('object-a', 'attempt-1')
      expect(guards.madeAt('object-a', 'attempt-1', now)).toBeNull()
    })
  })

  it('keeps at most its bound of made attempts, the oldest going first', async () => {
    const gates = VENDOR_GATE as unknown as DurableObjectNamespace
    const stub = gates.get(gates.idFromName(`action-guards-made-cap-${crypto.randomUUID()}`))
    await runInDurableObject(stub, (_gate, state) => {
      const guards = new ActionGuards(state.storage.sql, 100)
      const now = Date.UTC(2026, 10, 26, 12)
      for (let n = 0; n <= 100; n++) guards.made('object-a', `attempt-${n}`, now + n)
      expect(state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM made_actions').one().n).toBe(100)
      expect(guards.madeAt('object-a', 'attempt-0', now + 100)).toBeNull()
      expect(guards.madeAt('object-a', 'attempt-1', now + 100)).toBe(now + 1)
    })
  })
})
