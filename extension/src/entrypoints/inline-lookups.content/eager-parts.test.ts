import { describe, expect, it } from 'vitest'
import { idTableOf } from '../../content/scan/id-table-of.ts'
import { PART_BUDGETS_GZIP, ROW_LIMIT_GZIP } from '../../../test-support/eager-budget.ts'
import { eagerPartSizes, gzipped } from '../../../test-support/eager-parts.ts'

/*
The eager content script's parts, each within its budget without a build (eager-size.test.ts holds
the built script to its whole budget): test/repo/new-vendor.test.ts runs this with a new vendor.
*/
describe("the eager content script's parts", () => {
  it('should keep each part within its budget, and a kind of ID to a row of data', async () => {
    const parts = await eagerPartSizes()
    const rows = idTableOf().rows
    const perRow = Math.ceil(gzipped(JSON.stringify(rows)) / rows.length)
    console.table([
      ...parts.map(({ part, bytes, gzip }) => ({ part, bytes, gzip, budget: PART_BUDGETS_GZIP[part] })),
      { part: `per kind of ID (${rows.length} rows)`, gzip: perRow, budget: ROW_LIMIT_GZIP },
    ])
    for (const { part, gzip } of parts) expect(gzip, part).toBeLessThanOrEqual(PART_BUDGETS_GZIP[part] ?? 0)
    expect(perRow).toBeLessThanOrEqual(ROW_LIMIT_GZIP)
  })
})
