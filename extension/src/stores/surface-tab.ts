import type { ListKind } from './list-sources.ts'

/**
 * A surface's tabs: the lists, and live events in a tab of their own. A feed that never stops gets
 * no space above a list (it pushed the lists down, 11,000 px after a working morning); the tab
 * counts what arrived while the agent looked elsewhere ("3 new").
 */
export type SurfaceTab = ListKind | 'live'

export const isListTab = (tab: SurfaceTab): tab is ListKind => tab !== 'live'
