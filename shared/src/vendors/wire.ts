import type { DeepidvLookupDetails } from './deepidv/api.ts'
import type { OnfidoLookupDetails } from './onfido/api.ts'
import type { PersonaLookupDetails } from './persona/api.ts'
import type { StripeLookupDetails } from './stripe/api.ts'
import type { SumsubLookupDetails } from './sumsub/api.ts'
export * from './sumsub/api.ts'

/*
The registry's part of the relay's contract (@idv-lens/shared/api): each vendor's wire shapes and
terms, from its folder, one line each.
*/
export * from './deepidv/api.ts'
export * from './persona/api.ts'
export * from './persona/actions.ts'
export * from './stripe/api.ts'

/** What a lookup shows of a record, by its kind: every vendor's part (`LookupFound.details`). */
export type LookupDetails = PersonaLookupDetails | DeepidvLookupDetails | StripeLookupDetails | OnfidoLookupDetails | SumsubLookupDetails
