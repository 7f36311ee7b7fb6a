/** The kit's relay part: the background's messages and what a vendor's relay calls, lists and card are typed with. */
export type { ActionDone, DetailSection, LinkRequest, OneTimeLink, Query, RelayResult, Send } from '../lib/messages.ts'
export type { RawResponse } from '../lib/relay-result.ts'
export type { ActionName, AgentInfo, CaseStatus } from '../lib/actions.ts'
export type { CardField } from '../lib/card-fields.ts'
export type { SummaryFacts } from '../lib/copy-summary.ts'
export type { WatchSeen } from '../lib/watches.ts'
export type { Listed, Page } from '../stores/list-sources.ts'
export type { Tone } from '../lib/status-tone.ts'
