import { describe, expect, it } from 'vitest'
import { vendorsNamedIn } from './vendors-named.ts'

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
