import { describe, expect, it } from 'vitest'
import { termBoundary, termsNamedIn, vendorBoundary, vendorsNamedIn } from './vendors-named.ts'

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
    expect(vendorBoundary(sources, { registry: ['vendors/index.ts'], notYetFolded: {} })).toEqual({
      offenders: ['routes/a.ts: deepidv'],
      stale: [],
    })
  })

  it('lets a listed file through, and names a listed file that no longer names one', () => {
    expect(
      vendorBoundary(sources, { registry: ['vendors/index.ts'], notYetFolded: { 'routes/a.ts': 'why', 'routes/b.ts': 'why' } }),
    ).toEqual({ offenders: [], stale: ['routes/b.ts'] })
  })
})

describe('termsNamedIn', () => {
  it("finds a vendor's kind noun, prefix, action and route in code, by the registry", () => {
    expect(termsNamedIn('routes/x.ts', 'const listInquiries = 1')).toEqual(['routes/x.ts:1: inquiry'])
    expect(termsNamedIn('lib/x.ts', "const a = 1\nif (id.startsWith('inq_')) a()")).toEqual(['lib/x.ts:2: inq_'])
    expect(termsNamedIn('lib/x.ts', 'export const FLAGGED_ESCALATION = 1')).toEqual(['lib/x.ts:1: flagged-escalation'])
    expect(termsNamedIn('lib/x.ts', 'const t = "one_time_links"')).toEqual(['lib/x.ts:1: one-time-link'])
    expect(termsNamedIn('lib/x.ts', 'post(`/v1/x/${id}/generate-one-time-link`)')).toEqual([
      'lib/x.ts:1: one-time-link',
      'lib/x.ts:1: /generate-one-time-link',
    ])
    expect(termsNamedIn('lib/x.ts', 'const run = workflowRun()')).toEqual(['lib/x.ts:1: workflow-run'])
  })

  it("lets comments, the cores' own words and the vendors' folders through", () => {
    expect(termsNamedIn('lib/x.ts', '// an inquiry\n/** a one-time link */ const live = { event: 1, session: 2, caseStatus: 3 }')).toEqual(
      [],
    )
    expect(termsNamedIn('lib/x.ts', "if (decision !== 'approve') deny()")).toEqual([])
    expect(termsNamedIn('vendors/onfido/x.ts', "const pick = ['tags', 'one_time_link']")).toEqual([])
  })

  it('names the offending places, and listed files that no longer name one', () => {
    const sources = { 'vendors/index.ts': "const kinds = ['inquiry']", 'lib/a.ts': 'const inquiry = 1', 'lib/b.ts': 'const b = 1' }
    expect(termBoundary(sources, { registry: ['vendors/index.ts'], notYetFolded: { 'lib/b.ts': 'why' } })).toEqual({
      offenders: ['lib/a.ts:1: inquiry'],
      stale: ['lib/b.ts'],
    })
  })
})
