import type { Names } from './names.ts'

const vendorTs = ({ name, Name, NAME }: Names): string => `import type { Vendor } from '../../kit/vendor.ts'
import { positiveSeconds } from '../../kit/body.ts'
import { callsVariable, plausibleWait } from '../../kit/budget.ts'
import { bodies } from './bodies.ts'
import { lookup${Name}Ids } from './lookup.ts'

/** ${name}: a stub made by \`npm run new:vendor\`. Every value here awaits its documented one (docs/vendors/${name}.md). */
export const ${name}: Vendor = {
  name: '${name}',
  label: '${name}',
  keySecret: '${NAME}_API_KEY',
  actionsKeySecret: null,
  baseVariable: '${NAME}_API_BASE',
  defaultBase: 'https://api.${name}.example/v1',
  environmentVariable: '${NAME}_ENVIRONMENT',
  budget: { vendorWindowMs: 1000, windowMs: 1100, perWindow: callsVariable('${NAME}_BUDGET_PER_SECOND', 10_000, 10), perDay: null },
  authHeaders: (apiKey) => ({ authorization: \`Bearer \${apiKey}\` }),
  requestHeaders: [],
  // No documented error message yet: none of its words reaches an agent.
  errorMessage: () => null,
  retryAfterSeconds: (headers) => plausibleWait(positiveSeconds(headers.get('retry-after')), 60),
  bodies,
  lookup: lookup${Name}Ids,
  settled: ({ status }) => status === 'approved' || status === 'declined',
  pagedLists: {},
  requester: null,
  history: null,
  historyByEmail: null,
  webhook: null,
  actions: [],
  actionChanges: null,
}
`

const bodiesTs = ({ name, Name }: Names): string => `import { z } from 'zod'

/** ${name}'s 2xx bodies: strict about the fields a summary reads. */
const ${Name}Record = z.looseObject({ id: z.string(), status: z.string(), created_at: z.string() })

export const bodies = {
  list: z.looseObject({ data: z.array(${Name}Record), next_cursor: z.string().nullable() }),
  single: ${Name}Record,
}
`

const contractTs = ({ name, Name, kind }: Names): string => `import { z } from 'zod'
import { bodies } from './bodies.ts'

export const ${Name}RecordSchema = bodies.single.meta({ id: '${Name}Record', description: "${name}'s record as the relay allows it (allowlist.ts)." })

export const ${Name}RecordListSchema = bodies.list.meta({ id: '${Name}RecordList' })

/** \`GET /v1/lookup\`'s \`details\` for a ${name} record (shared/src/vendors/${name}/api.ts types it). */
const lookupDetails = [z.object({ kind: z.literal('${kind}'), referenceId: z.string().nullable() })] as const

/** What the registry's VENDOR_CONTRACTS holds for ${name}. */
export const ${name}Contract = { lookupDetails, nested: { ${Name}Record: ${Name}RecordSchema } }
`

const allowlistTs = ({ name, Name }: Names): string => `import type { ${Name}Record, ${Name}RecordList } from '@idv-lens/shared/api'
import { keepAllowed, list, object, value } from '../allowlist-walk.ts'

/** What of a ${name} record may leave the relay (docs/vendors/allowlist.md): IDs, status, times, the customer's reference. */
const RECORD = object(Object.fromEntries(['id', 'status', 'reference_id', 'created_at'].map((key) => [key, value])))
const RECORD_LIST = object({ data: list(RECORD), next_cursor: value })

export const ${name}RecordAllowed = (body: ${Name}Record): ${Name}Record => (keepAllowed(body, RECORD) ?? {}) as ${Name}Record

export function ${name}ListAllowed(body: ${Name}RecordList): ${Name}RecordList {
  const kept = (keepAllowed(body, RECORD_LIST) ?? {}) as Partial<${Name}RecordList>
  return { data: kept.data ?? [], next_cursor: kept.next_cursor ?? null }
}
`

const routesTs = ({ name, Name, kind }: Names): string => `import { Hono } from 'hono'
import { isIdOfKind } from '@idv-lens/shared/ids'
import type { ${Name}Record, ${Name}RecordList } from '@idv-lens/shared/api'
import { type AppEnv, okBody, relay } from '../../kit/routes.ts'
import { canonicalQuery, intInRange, querySchema, validId, validQuery } from '../../kit/query.ts'
import { ${Name}RecordListSchema, ${Name}RecordSchema } from './contract.ts'
import { ${name}ListAllowed, ${name}RecordAllowed } from './allowlist.ts'

const recordId = validId((v) => isIdOfKind(v, '${kind}'), 'a ${name} record ID')

export const ${name}Routes = new Hono<AppEnv>()
  .get('/records', okBody(${Name}RecordListSchema), validQuery(querySchema({ limit: intInRange(1, 100) })), (c) =>
    relay<${Name}RecordList>(c, { provider: '${name}', path: 'records', query: canonicalQuery(c.req.valid('query')), shape: 'list', transform: ${name}ListAllowed }),
  )
  .get('/records/:id', okBody(${Name}RecordSchema), recordId, validQuery(querySchema({})), (c) =>
    relay<${Name}Record>(c, { provider: '${name}', path: \`records/\${c.req.valid('param').id}\`, query: '', shape: 'object', transform: ${name}RecordAllowed }),
  )
`

const lookupTs = ({ name, Name, kind }: Names): string => `import { dashboardUrl } from '@idv-lens/shared/ids'
import type { ${Name}Record } from '@idv-lens/shared/api'
import { summaryFields, type Found, type LookupId, type LookupTools, type Resolved } from '../../kit/lookup.ts'

const f = summaryFields('${name}', '${name}')

/** A ${name} record as a one-line lookup summary (lookup/found.ts says what a summary keeps). */
export function summarize${Name}(r: ${Name}Record): Found<'${kind}'> {
  return {
    found: true,
    id: f.text(r.id, 'id'),
    kind: '${kind}',
    provider: '${name}',
    type: 'record',
    status: f.text(r.status, 'status'),
    createdAt: f.optText(r.created_at, 'created_at'),
    updatedAt: null,
    dashboardUrl: dashboardUrl('${kind}', r.id),
    reason: null,
    case: null,
    details: { kind: '${kind}', referenceId: f.optText(r.reference_id, 'reference_id') },
  }
}

/** ${name}'s IDs of a lookup batch, each retrieved on its own. */
export function lookup${Name}Ids(t: LookupTools, items: LookupId[], out: Resolved): Promise<void> {
  return t.oneByOne(items, out, async (item) => summarize${Name}(await t.get<${Name}Record>({ provider: '${name}', path: \`records/\${item.id}\`, query: '' })))
}
`

const unitTestTs = ({ name, Name, kind }: Names): string => `import { describe, expect, it } from 'vitest'
import { ${name}RecordAllowed } from './allowlist.ts'
import { summarize${Name} } from './lookup.ts'

const RECORD = { id: '${name}_A1b2C3d4E5f6G7h8', status: 'approved', reference_id: 'ref-1', created_at: '2026-01-02T03:04:05Z' }

describe('${name} in the relay', () => {
  it('summarises a record for the lookup', () => {
    const found = summarize${Name}(RECORD)
    expect(found).toMatchObject({ kind: '${kind}', provider: '${name}', status: 'approved', details: { referenceId: 'ref-1' } })
    expect(found.dashboardUrl).toContain(RECORD.id)
  })

  it('lets only allowlisted fields leave the relay', () => {
    expect(${name}RecordAllowed({ ...RECORD, email: 'person@example.com' })).toEqual(RECORD)
  })
})
`

/** worker/src/vendors/<name>/: the relay's half of the stub vendor. */
export const workerFiles = (n: Names): Record<string, string> => ({
  'vendor.ts': vendorTs(n),
  'bodies.ts': bodiesTs(n),
  'contract.ts': contractTs(n),
  'allowlist.ts': allowlistTs(n),
  'routes.ts': routesTs(n),
  'lookup.ts': lookupTs(n),
  // Pure, so the worker's Node project runs it (worker/vitest.node.ts takes every vendor folder's tests).
  [`${n.name}.test.ts`]: unitTestTs(n),
})
