import { describe, expect, it } from 'vitest'
import { vendorBoundary, vendorsNamedIn } from './vendors-named.ts'

describe('vendorsNamedIn', () => {
  it('catches a name in code and lets prose through', () => {
    expect(vendorsNamedIn('routes/x.ts', "const a = c.get('config').upstream.deepidv")).toEqual(['deepidv'])
    expect(vendorsNamedIn('routes/x.ts', 'import { personaRoutes } from "./y.ts"')).toEqual(['persona'])
    expect(vendorsNamedIn('routes/x.ts', 'read(`PERSONA_API_KEY`)')).toEqual(['persona'])
    expect(vendorsNamedIn('components/x.tsx', "import { Row } from '../vendors/stripe/Row.tsx'")).toEqual(['stripe'])
    expect(vendorsNamedIn('lib/x.ts', "t('tabDeepidv')")).toEqual(['deepidv'])
    expect(vendorsNamedIn('routes/x.ts', "const url = 'https://api.deepidv.com/v1' // deepidv")).toEqual(['deepidv'])
    expect(vendorsNamedIn('lib/x.ts', "const url = 'https://app.withpersona.com' // Persona")).toEqual([])
    expect(vendorsNamedIn('routes/x.ts', '// Persona and deepidv\n/** stripe */ const personalData = 1')).toEqual([])
  })

  it("lets a vendor's folder name itself, not another vendor", () => {
    expect(vendorsNamedIn('vendors/persona/x.ts', "const base = 'persona'")).toEqual([])
    expect(vendorsNamedIn('vendors/persona/x.ts', "const other = 'deepidv'")).toEqual(['deepidv'])
  })
})

describe('vendorBoundary', () => {
  const sources = {
    'vendors/index.ts': "import { persona } from './persona/persona.ts'",
    'vendors/persona/persona.ts': "export const persona = { name: 'persona' }",
    'routes/a.ts': "const base = 'deepidv'",
    'routes/b.ts': 'export const b = 1',
  }

  it('names the files outside the folders and the registry that name a vendor', () => {
    expect(vendorBoundary(sources, { registry: ['vendors/index.ts'], notYetFolded: {} })).toEqual({ offenders: ['routes/a.ts: deepidv'], stale: [] })
  })

  it('lets a listed file through, and names a listed file that no longer names one', () => {
    expect(vendorBoundary(sources, { registry: ['vendors/index.ts'], notYetFolded: { 'routes/a.ts': 'why', 'routes/b.ts': 'why' } })).toEqual({ offenders: [], stale: ['routes/b.ts'] })
  })
})
