import type { Names } from './names.ts'

const appTs = ({ name, Name, NAME }: Names): string => `/**
 * ${name}'s read API, mounted at /${name} so it answers under /${name}/v1/…: a stub made by
 * \`npm run new:vendor\`, faithful to the stub's own contract until docs/vendors/${name}.md documents the real one.
 */
import { Hono } from 'hono'
import type { DemoContext } from '../context.ts'

export const ${NAME}_MOUNT = '/${name}'
/** A key is valid iff it has this prefix. */
export const ${NAME}_DEMO_KEY_PREFIX = '${name}_demo_'

const problem = (status: number, error: string) => Response.json({ error }, { status })

/** Three records, their times offsets from the dataset's anchor. */
export function seed${Name}(now: number): { id: string; status: string; reference_id: string | null; created_at: string }[] {
  const statuses = ['approved', 'declined', 'pending']
  return statuses.map((status, i) => ({ id: \`${name}_demoRecord\${String(i).padStart(6, '0')}\`, status, reference_id: \`ref-\${i}\`, created_at: new Date(now - i * 3_600_000).toISOString() }))
}

export function create${Name}App(ctx: DemoContext): Hono {
  const records = seed${Name}(ctx.dataset.now)
  return new Hono()
    .use('*', async (c, next) => {
      const key = c.req.header('authorization')?.replace(/^Bearer /, '') ?? ''
      return key.startsWith(${NAME}_DEMO_KEY_PREFIX) ? next() : problem(401, 'Invalid API key.')
    })
    .get('/v1/records', (c) => {
      const limit = Math.min(Number(c.req.query('limit') ?? 25) || 25, 100)
      return c.json({ data: records.slice(0, limit), next_cursor: null })
    })
    .get('/v1/records/:id', (c) => {
      const record = records.find((r) => r.id === c.req.param('id'))
      return record ? c.json(record) : problem(404, 'Not found.')
    })
}
`

const testTs = ({ name, Name, NAME }: Names): string => `import { describe, expect, it } from 'vitest'
import { bodies } from '../../src/vendors/${name}/bodies.ts'
import { summarize${Name} } from '../../src/vendors/${name}/lookup.ts'
import { createDemoUpstream } from '../app.ts'
import { ${NAME}_DEMO_KEY_PREFIX } from './${name}-app.ts'

const upstream = createDemoUpstream({ now: new Date('2026-01-02T03:04:05Z'), rateLimits: false })
const get = (path: string, key = \`${'$'}{${NAME}_DEMO_KEY_PREFIX}test\`) => upstream.fetch(new Request(\`http://demo/${name}/v1/\${path}\`, { headers: { authorization: \`Bearer \${key}\` } }))

describe('${name} in the demo upstream', () => {
  it('answers bodies the relay accepts and summarises', async () => {
    const page = bodies.list.parse(await (await get('records?limit=2')).json()) as { data: { id: string }[] }
    expect(page.data).toHaveLength(2)
    const one = bodies.single.parse(await (await get(\`records/\${page.data[0]!.id}\`)).json())
    expect(one).toMatchObject({ status: 'approved', created_at: '2026-01-02T03:04:05.000Z' })
    expect(summarize${Name}(one)).toMatchObject({ found: true, id: page.data[0]!.id, status: 'approved', dashboardUrl: expect.stringContaining(page.data[0]!.id) })
  })

  it('refuses a key it does not know, and finds no unknown record', async () => {
    expect((await get('records', 'wrong')).status).toBe(401)
    expect((await get('records/${name}_A1b2C3d4E5f6G7h8')).status).toBe(404)
  })
})
`

const accessTs = ({
  name,
}: Names): string => `/** How a relay reaches the demo's ${name} (../access.ts): any \`${name}_demo_\` key (${name}-app.ts). */
export const ${name}Access = {
  path: '/${name}/v1',
  key: '${name}_demo_local',
  scopedKey: (scope: string) => \`${name}_demo_\${scope}\`,
  webhookSecret: null,
}
`

/** worker/demo-upstream/<name>/: the stub vendor's fake, which vendors.ts there mounts, and how a relay reaches it (access.ts). */
export const demoFiles = (n: Names): Record<string, string> => ({
  [`${n.name}-app.ts`]: appTs(n),
  [`${n.name}-access.ts`]: accessTs(n),
  [`${n.name}.test.ts`]: testTs(n),
})
