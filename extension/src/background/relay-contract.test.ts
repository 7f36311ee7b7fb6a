import type {
  DeepidvSession,
  HistoryResponse,
  LookupResponse,
  PersonaCase,
  PersonaInquiry,
  PersonaList,
  PersonaSingle,
  PersonaVerification,
  RequesterCheckResponse,
} from '@idv-lens/shared/api'
import type { RelayClient } from '@idv-lens/worker/client'
import type { InferResponseType } from 'hono/client'
import { describe, expectTypeOf, it } from 'vitest'

/**
 * The relay's contract as the extension's type check sees it. These hold at compile time (`tsc`
 * runs over this file in the test command); a contract change in worker/ fails here first.
 */
describe('the typed relay client', () => {
  it('should take the lookup IDs as a query string and answer a LookupResponse', () => {
    type LookupInput = Parameters<RelayClient['v1']['lookup']['$get']>[0]
    expectTypeOf<{ query: { ids: string } }>().toExtend<LookupInput>()
    expectTypeOf<{ query: { id: string } }>().not.toExtend<LookupInput>()
    expectTypeOf<InferResponseType<RelayClient['v1']['lookup']['$get'], 200>>().toEqualTypeOf<LookupResponse>()
  })

  it('should offer only the read routes the relay relays', () => {
    expectTypeOf<keyof RelayClient['v1']['persona']>().toEqualTypeOf<
      'inquiries' | 'inquiry-sessions' | 'events' | 'verifications' | 'cases' | 'my-cases'
    >()
    expectTypeOf<keyof RelayClient['v1']['deepidv']>().toEqualTypeOf<'sessions'>()
    // Reads only: no write method on any route.
    expectTypeOf<RelayClient['v1']['persona']['inquiries']>().not.toHaveProperty('$post')
    expectTypeOf<RelayClient['v1']['deepidv']['sessions']>().not.toHaveProperty('$delete')
  })

  // The vendors' routers are mounted from the registry (worker/src/routes/mount-vendors.ts): each
  // route keeps its own path parameters and body, as if mounted by hand.
  it("should keep each vendor route's parameters and body", () => {
    type InquiryGet = RelayClient['v1']['persona']['inquiries'][':id']['$get']
    expectTypeOf<Parameters<InquiryGet>[0]['param']>().toEqualTypeOf<{ id: string }>()
    expectTypeOf<InferResponseType<InquiryGet, 200>>().toEqualTypeOf<PersonaSingle<PersonaInquiry>>()
    expectTypeOf<InferResponseType<RelayClient['v1']['persona']['inquiries']['$get'], 200>>().toEqualTypeOf<PersonaList<PersonaInquiry>>()
    expectTypeOf<InferResponseType<RelayClient['v1']['deepidv']['sessions'][':id']['$get'], 200>>().toEqualTypeOf<DeepidvSession>()
  })

  it('should answer the requester check with a result only, and the history as lookup summaries', () => {
    type Check = RelayClient['v1']['requester-check']['$post']
    expectTypeOf<InferResponseType<Check, 200>>().toEqualTypeOf<RequesterCheckResponse>()
    expectTypeOf<InferResponseType<RelayClient['v1']['history']['$get'], 200>>().toEqualTypeOf<HistoryResponse>()
    expectTypeOf<InferResponseType<RelayClient['v1']['persona']['verifications'][':id']['$get'], 200>>().toEqualTypeOf<
      PersonaSingle<PersonaVerification>
    >()
    expectTypeOf<InferResponseType<RelayClient['v1']['persona']['cases']['$get'], 200>>().toEqualTypeOf<PersonaList<PersonaCase>>()
  })
})
