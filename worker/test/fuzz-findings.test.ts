import { describe, expect, it } from 'vitest'
import { problemOf, testRelay } from './helpers.ts'

// What the generated-request fuzz (fuzz.test.ts) found, pinned as plain examples.

describe('a query parameter named like an Object.prototype member', () => {
  it.each(['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__proto__'])(
    '?%s= is an unknown parameter (400 naming it), not a 500',
    async (name) => {
      const relay = testRelay()
      for (const path of ['/v1/persona/events', '/v1/persona/inquiries', '/v1/deepidv/sessions', '/v1/admin/audit']) {
        const res = await relay.get(`${path}?${name}=x`)
        expect(res.status).toBe(400)
        expect((await problemOf(res)).parameter).toBe(name)
      }
      expect((await relay.upstreamCalls()).total).toBe(0)
    },
  )
})
