import type { Names } from './names.ts'

/** shared/src/vendors/<name>/: its IDs, descriptor, wire types and replies. */
export const sharedFiles = ({ name, Name, kind }: Names): Record<string, string> => ({
  'ids.ts': `import type { VendorIds } from '../vendor-ids.ts'

/** ${name}'s IDs: one prefixed kind. Replace the prefix, pattern and dashboard page with the documented ones (docs/vendors/${name}.md). */
export const ${name}Ids = {
  name: '${name}',
  kinds: [{ kind: '${kind}', prefix: '${name}_', exact: /^${name}_[A-Za-z0-9]{16}$/, caseless: false, dashboard: 'app.${name}.example/records/' }],
} as const satisfies VendorIds
`,
  'vendor.ts': `import type { VendorDescriptor } from '../vendor.ts'
import { ${name}Ids } from './ids.ts'
import { replies } from './replies.ts'

/** Everything shared/ knows of ${name}: its IDs, their labels and examples, its replies and actions. */
export const ${name} = {
  ids: ${name}Ids,
  labels: { '${kind}': '${name} record' },
  examples: { '${kind}': ['${name}_A1b2C3d4E5f6G7h8'] },
  replies,
  actions: [],
  actionKinds: [],
} as const satisfies VendorDescriptor<typeof ${name}Ids>
`,
  'api.ts': `/** ${name}'s record as the relay passes it through (snake_case on the wire). */
export type ${Name}Record = {
  id: string
  status: string
  reference_id?: string | null
  created_at: string
  [key: string]: unknown
}

export type ${Name}RecordList = { data: ${Name}Record[]; next_cursor: string | null }

/** What a lookup shows of ${name}'s records (\`LookupFound.details\`), one member per kind. */
export type ${Name}LookupDetails = { kind: '${kind}'; referenceId: string | null }
`,
  'replies.ts': `import type { VendorReplies } from '../../replies/texts.ts'

/** Which customer text answers ${name}'s statuses. */
export const replies: VendorReplies = {
  checks: {},
  reasons: {},
  codes: {},
  statuses: { approved: 'approved', declined: 'declined', pending: 'unfinished' },
  reasonStatuses: [],
}
`,
  'ids.test.ts': `import { describe, expect, it } from 'vitest'
import { isIdOfKind, scanIds } from '../../ids/index.ts'

describe('${name} IDs', () => {
  it('reads its prefixed ID and no other', () => {
    expect(isIdOfKind('${name}_A1b2C3d4E5f6G7h8', '${kind}')).toBe(true)
    expect(isIdOfKind('${name}_short', '${kind}')).toBe(false)
    expect(scanIds('see ${name}_A1b2C3d4E5f6G7h8 here').map((found) => found.kind)).toEqual(['${kind}'])
  })
})
`,
})
