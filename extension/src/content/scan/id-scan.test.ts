import * as shared from '@idv-lens/shared/ids'
import { ID_EXAMPLES, type IdKind } from '@idv-lens/shared/ids'
import { describe, expect, it } from 'vitest'
import { canonicalId, DASHBOARD_HOSTS, idFromDashboardUrl, mayContainIds, scanIds } from './id-scan.ts'
import { idTableOf } from './id-table-of.ts'

const KINDS = Object.keys(ID_EXAMPLES) as IdKind[]
const EXAMPLES = KINDS.flatMap((kind) => ID_EXAMPLES[kind])
/** What may stand next to an ID: token characters (no match), punctuation, escapes, CJK text. */
const NEIGHBOURS = ['', ' ', '_', 'x', '9', '-', '%2F', '%2', '(', ')', '/', '.', ',', '見', 'inq_', '\n']

/** Every example between each pair of neighbours, a few IDs in a row, and near misses. */
const TEXTS = [
  ...EXAMPLES.flatMap((id) => NEIGHBOURS.flatMap((before) => NEIGHBOURS.map((after) => `${before}${id}${after}`))),
  EXAMPLES.join(' '),
  EXAMPLES.join(''),
  EXAMPLES.join('-'),
  ...EXAMPLES.map((id) => id.slice(0, -1)),
  ...EXAMPLES.map((id) => `${id}Z`),
  'inq_ABC123 vs_short a1b2c3d4-e5f6-7890-abcd-ef12345678 plain text without ids',
]

describe('the in-page ID scanner, built from the ID table as data', () => {
  it.each([false, true])('should find what the shared scanner finds, in every text (uuids: %s)', (uuids) => {
    for (const text of TEXTS) {
      expect(scanIds(text, { uuids }), text).toEqual(shared.scanIds(text, { uuids }))
      expect(mayContainIds(text, { uuids }), text).toBe(shared.mayContainIds(text, { uuids }))
    }
  })

  it('should read the dashboard links the shared reader reads, and refuse the others alike', () => {
    const urls = KINDS.flatMap((kind) =>
      ID_EXAMPLES[kind].flatMap((id) => {
        const live = shared.dashboardUrl(kind, id)
        const test = shared.dashboardUrl(kind, id, { testMode: true })
        return [
          live,
          test,
          live.toUpperCase(),
          `${live}/`,
          `${live}/sub?x=1#y`,
          live.replace('https:', 'http:'),
          ` ${test} `,
          `${live}x`,
          live.replace('://', '://evil.example/'),
          live.replace('/dashboard/', '/test/dashboard/'),
        ]
      }),
    )
    for (const url of [...urls, 'https://dashboard.stripe.com/test/', 'not a url', 'https://app.withpersona.com/dashboard/cases/case_1']) {
      expect(idFromDashboardUrl(url), url).toEqual(shared.idFromDashboardUrl(url))
    }
    expect(DASHBOARD_HOSTS).toEqual(shared.DASHBOARD_HOSTS)
  })

  it('should spell each ID as the shared registry does', () => {
    for (const kind of KINDS) for (const id of EXAMPLES) expect(canonicalId(id, kind)).toBe(shared.canonicalId(id, kind))
  })

  it('should hold one row of data per kind, in the registry order, with no code', () => {
    const table = idTableOf()
    expect(table.rows.map(([kind]) => kind)).toEqual(shared.ID_SHAPES.map((shape) => shape.kind))
    expect(JSON.parse(JSON.stringify(table))).toEqual(table)
    expect(table.testModes).toEqual([['dashboard.stripe.com', '/test']])
  })
})
