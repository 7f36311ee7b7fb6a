import type { Names } from './names.ts'

const vendorTs = ({ name, Name, kind }: Names): string => `import type { ${Name}Record, ${Name}RecordList } from '@idv-lens/shared/api'
import type { Vendor, VendorList } from '../vendor.ts'
import type words from './_locales/en/messages.json'

// Its words (_locales beside this file, joined into the browser's at build time) are keys t() takes.
declare module '../../lib/i18n.ts' {
  interface VendorMessageKeys extends Record<keyof typeof words, true> {}
}

/** ${name} pages by \`limit\` and an opaque \`cursor\`. */
export const ${name}PageQuery = (size: number, cursor: string | null): Record<string, string> =>
  cursor ? { limit: String(size), cursor } : { limit: String(size) }

const records: VendorList<${Name}RecordList, ${Name}Record> = {
  key: '${name}',
  tab: 'tab${Name}',
  panelOnly: true,
  call: (query) => (c, o) => c.v1.${name}.records.$get({ query }, o),
  page: (d) => ({ items: d.data, cursor: d.next_cursor }),
  pageQuery: ${name}PageQuery,
  defaultFilters: {},
}

/** ${name}: its records, looked up and listed (a side-panel tab). */
export const ${name}: Vendor = {
  name: '${name}',
  label: '${name}',
  lists: [records],
  records: {
    '${kind}': {
      call: (id) => (c, o) => c.v1.${name}.records[':id'].$get({ param: { id }, query: {} }, o),
      reference: (d) => (d.kind === '${kind}' ? d.referenceId : null),
    },
  },
  probe: (c, o) => c.v1.${name}.records.$get({ query: { limit: '1' } }, o),
}
`

const rowTsx = ({ name, Name, kind }: Names): string => `import type { ${Name}Record } from '@idv-lens/shared/api'
import { RelTime, Row } from '../../kit/views.ts'

/** A ${name} record: ID, status, the customer's reference, when it was created. */
export function ${Name}Row({ item, onOpen }: { item: ${Name}Record; onOpen: (id: string) => void }) {
  return (
    <Row id={item.id} kind="${kind}" status={item.status} onOpen={onOpen}>
      {item.reference_id && <span data-testid="reference">{item.reference_id}</span>}
      <RelTime iso={item.created_at} />
    </Row>
  )
}
`

const rowsTsx = ({ name, Name }: Names): string => `import type { VendorRows } from '../vendor-view.ts'
import { ${Name}Row } from './${Name}Row.tsx'

/** ${name}'s records list in the side panel: its row. */
export const rows: VendorRows = { ${name}: { Row: ${Name}Row } }
`

const tonesTs = ({ name }: Names): string => `import type { Tone } from '../vendor.ts'

/** ${name}'s statuses (tones compare without case). */
export const tones: Readonly<Record<string, Tone>> = { approved: 'good', declined: 'bad', pending: 'progress' }
`

const detailTsx = ({ name, Name }: Names): string => `import type { ${Name}Record } from '@idv-lens/shared/api'
import type { RelayResult } from '../../kit/relay.ts'
import { createResource, type Resource } from '../../kit/stores.ts'
import { Fields, LocalTime, ResourceState, Section, StatusBadge } from '../../kit/views.ts'
import type { DetailContext, DetailModel } from '../vendor-view.ts'

/** A ${name} record in the side panel: status, the customer's reference, when it was created. */
export type ${Name}Model = DetailModel & { main: Resource<${Name}Record> }

export function create${Name}Model({ kind, id, send, now }: DetailContext): ${Name}Model {
  const main = createResource((refresh) => send('getRecord', { kind, id, refresh }) as Promise<RelayResult<${Name}Record>>, now)
  return { kind, id, main, first: [], after: [], idsShown: () => [], seen: () => (main.data.value ? { status: main.data.value.status } : null) }
}

export function ${Name}Detail({ view }: { view: ${Name}Model; onOpen: (id: string) => void }) {
  return (
    <ResourceState resource={view.main}>
      {(r) => (
        <Section name="summary" titleKey="sec${Name}">
          <Fields
            rows={[
              ['fieldStatus', <StatusBadge vendor="${name}" status={r.status} />],
              ['fieldReference', r.reference_id ? <code>{r.reference_id}</code> : null],
              ['fieldCreated', <LocalTime iso={r.created_at} />],
            ]}
          />
        </Section>
      )}
    </ResourceState>
  )
}
`

const detailsTsx = ({ name, Name, kind }: Names): string => `import type { VendorDetails } from '../vendor-view.ts'
import { create${Name}Model, ${Name}Detail } from './${Name}Detail.tsx'

/** ${name}'s record detail in the side panel. */
export const details: VendorDetails = { '${kind}': { create: create${Name}Model, Body: ${Name}Detail } }
`

const rowTestTsx = ({ name, Name }: Names): string => `// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { ${name} } from './${name}.ts'
import { ${Name}Row } from './${Name}Row.tsx'

describe('${name} in the extension', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => act(() => render(null, root)))

  it('shows a record in its row', () => {
    const item = { id: '${name}_A1b2C3d4E5f6G7h8', status: 'approved', reference_id: 'ref-1', created_at: '2026-01-02T03:04:05Z' }
    act(() => render(<${Name}Row item={item} onOpen={() => {}} />, root))
    expect(root.querySelector('[data-testid="reference"]')!.textContent).toBe('ref-1')
    expect(root.textContent).toContain('${name}_A1b2C3d4E5f6G7h8')
  })

  it('pages its list by its cursor', () => {
    const list = ${name}.lists[0]!
    expect(list.pageQuery(25, 'c2')).toEqual({ limit: '25', cursor: 'c2' })
    expect(list.page({ data: [], next_cursor: null }, {})).toEqual({ items: [], cursor: null })
  })
})
`

/** extension/src/vendors/<name>/: the extension's half of the stub vendor, its words included. */
export const extensionFiles = (n: Names): Record<string, string> => ({
  [`${n.name}.ts`]: vendorTs(n),
  [`${n.Name}Row.tsx`]: rowTsx(n),
  [`${n.name}-rows.tsx`]: rowsTsx(n),
  [`${n.name}-tones.ts`]: tonesTs(n),
  [`${n.Name}Detail.tsx`]: detailTsx(n),
  [`${n.name}-details.tsx`]: detailsTsx(n),
  [`${n.Name}Row.test.tsx`]: rowTestTsx(n),
  ...Object.fromEntries(
    Object.entries(localeWords(n)).map(([lang, words]) => [
      `_locales/${lang}/messages.json`,
      `${JSON.stringify(Object.fromEntries(Object.entries(words).map(([key, message]) => [key, { message }])), null, 2)}\n`,
    ]),
  ),
})

/** Its words in each language, as the folder's _locales/<lang>/messages.json holds them. */
const localeWords = ({ name, Name, kind }: Names): Record<'en' | 'de', Record<string, string>> => {
  const k = kind.replace(/-/g, '_')
  return {
    en: {
      [`tab${Name}`]: name,
      [`list_${name}`]: `${name} records`,
      [`listEmpty_${name}`]: `No ${name} records yet.`,
      [`listNoMatch_${name}`]: `No ${name} records match these filters.`,
      [`kind_${k}`]: `${name} record`,
      [`sec${Name}`]: `${name} record`,
      [`cardNotFound_${k}`]: `${name} has no record with this ID. It may belong to another environment.`,
    },
    de: {
      [`tab${Name}`]: name,
      [`list_${name}`]: `${name}-Datensätze`,
      [`listEmpty_${name}`]: `Noch keine ${name}-Datensätze.`,
      [`listNoMatch_${name}`]: `Keine ${name}-Datensätze passen zu diesen Filtern.`,
      [`kind_${k}`]: `${name}-Datensatz`,
      [`sec${Name}`]: `${name}-Datensatz`,
      [`cardNotFound_${k}`]: `${name} kennt keinen Datensatz mit dieser ID. Er gehört vielleicht zu einer anderen Umgebung.`,
    },
  }
}
