import type { ListKind } from '../../stores/list-sources.ts'
import type { Lists } from '../../stores/lists.ts'
import { DeepidvFilters } from './DeepidvFilters.tsx'
import { EventFilters, InquiryFilters, SessionFilters } from './PersonaFilters.tsx'
import { StripeFilters } from '../../vendors/stripe/StripeFilters.tsx'

/** The filters each vendor supports for the list on a tab. Keyed so a tab switch starts a fresh form. */
export function ListFilters({ kind, lists }: { kind: ListKind; lists: Lists }) {
  switch (kind) {
    case 'sessions':
      return <SessionFilters key={kind} list={lists.sessions} />
    case 'inquiries':
      return <InquiryFilters key={kind} list={lists.inquiries} />
    case 'events':
      return <EventFilters key={kind} list={lists.events} />
    case 'deepidv':
      return <DeepidvFilters key={kind} list={lists.deepidv} />
    case 'stripe':
      return <StripeFilters key={kind} list={lists.stripe} />
  }
}
