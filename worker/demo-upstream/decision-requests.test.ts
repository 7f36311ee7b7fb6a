/**
 * The relay's decision requests against Persona's spec, in both versions: the body its routes and MCP
 * tools send (vendors/persona/decision-body.ts) for approve, decline and mark-for-review.
 */
import { describe, expect, it } from 'vitest'
import { decisionUpstreamBody } from '../src/vendors/persona/decision-body.ts'
import { PersonaSpec } from './spec/validator.ts'

const DECISIONS = ['approve', 'decline', 'mark-for-review'] as const

describe.each(['2025-12-08', '2023-01-05'] as const)('Persona %s', (version) => {
  const spec = PersonaSpec.of(version)

  it.each(DECISIONS)('documents POST /inquiries/{inquiry-id}/%s, and the relay sends what it takes', (decision) => {
    const path = `/inquiries/{inquiry-id}/${decision}` as const
    for (const comment of [undefined, 'Documents checked by hand']) {
      const body = decisionUpstreamBody(decision, comment)
      if (spec.takesBody(path)) expect(spec.requestErrors(path, body)).toEqual([])
      else expect(body).toEqual({})
    }
    expect(spec.takesBody(path)).toBe(decision !== 'mark-for-review')
  })

  it('refuses a body member its review request does not document', () => {
    expect(spec.requestErrors('/inquiries/{inquiry-id}/approve', { meta: { comment: 'x', reason: 'y' } })).not.toEqual([])
  })
})
