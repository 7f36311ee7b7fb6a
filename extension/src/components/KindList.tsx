import type { ListKind } from '../stores/list-sources.ts'
import type { Lists } from '../stores/lists.ts'
import { ListView } from './ListView.tsx'
import { DeepidvRow } from './rows/DeepidvRow.tsx'
import { EventRow } from './rows/EventRow.tsx'
import { InquiryRow } from './rows/InquiryRow.tsx'
import { SessionRow } from './rows/SessionRow.tsx'
import { StripeRow } from '../vendors/stripe/StripeRow.tsx'
import type { SurfaceTab } from '../stores/surface-tab.ts'
import type { TabDef } from './Tabs.tsx'

const LIVE_TAB: TabDef<SurfaceTab> = { key: 'live', label: 'liveHeading' }

/**
 * The popup's glance: first the inquiries themselves (the object agents are asked about, what a
 * ticket's ID usually is; the popup opens on them), then what just happened. Named as in the side
 * panel, and short: one row at 400 px in German.
 */
export const LIST_TABS: readonly TabDef<SurfaceTab>[] = [
  { key: 'inquiries', label: 'tabInquiries' },
  { key: 'sessions', label: 'tabSessions' },
  { key: 'events', label: 'tabEvents' },
  { key: 'deepidv', label: 'tabDeepidv' },
  LIVE_TAB,
]

/**
 * The side panel has room for every vendor's list with its filters and paging; Stripe's is here only
 * (the popup's one row at 400 px in German has no room for a sixth tab, and it is a glance).
 */
export const PANEL_TABS: readonly TabDef<SurfaceTab>[] = [
  { key: 'sessions', label: 'tabSessions' },
  { key: 'inquiries', label: 'tabInquiries' },
  { key: 'events', label: 'tabEvents' },
  { key: 'deepidv', label: 'tabDeepidv' },
  { key: 'stripe', label: 'tabStripe' },
  LIVE_TAB,
]

type Props = { kind: ListKind; lists: Lists; onOpen: (id: string) => void; paged?: boolean }

/** The list for a tab, with its row type. */
export function KindList({ kind, lists, onOpen, paged }: Props) {
  switch (kind) {
    case 'sessions':
      return (
        <ListView
          list={lists.sessions}
          kind="sessions"
          paged={paged}
          renderRow={(s) => <SessionRow item={s} onOpen={onOpen} />}
        />
      )
    case 'inquiries':
      return (
        <ListView
          list={lists.inquiries}
          kind="inquiries"
          paged={paged}
          renderRow={(i) => <InquiryRow item={i} onOpen={onOpen} />}
        />
      )
    case 'events':
      return (
        <ListView list={lists.events} kind="events" paged={paged} renderRow={(e) => <EventRow item={e} onOpen={onOpen} />} />
      )
    case 'deepidv':
      return (
        <ListView
          list={lists.deepidv}
          kind="deepidv"
          paged={paged}
          renderRow={(s) => <DeepidvRow item={s} onOpen={onOpen} />}
        />
      )
    case 'stripe':
      return <ListView list={lists.stripe} kind="stripe" paged={paged} renderRow={(s) => <StripeRow item={s} onOpen={onOpen} />} />
  }
}
