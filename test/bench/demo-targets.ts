/** What the relay benches ask for: demo records the demo upstream holds, and the relay's routes to them. */
import { DEMO } from '../harness/stack.ts'

/** A list page the relay caches (the extension's first list). */
export const CACHED_LIST_PATH = '/v1/persona/inquiry-sessions?page%5Bsize%5D=10'

export const AGENT_AUTH = { authorization: `Bearer ${DEMO.agentToken}` }

type DemoInfo = { fixtures: Record<string, string>; story: { failedInquiry: string; referenceId: string } | null }

export type DemoTargets = {
  /** A batch of demo IDs of every kind a helpdesk page shows (and the story's failed inquiry, whose summary has a reason and a case). */
  lookupIds: string[]
  /** The story's customer (persona-story.ts), with attempts at both vendors; null when the demo data has no story. */
  referenceId: string | null
}

/** Reads the demo upstream's `/__demo/info` for IDs and a reference that exist in its data. */
export async function demoTargets(upstreamUrl: string): Promise<DemoTargets> {
  const info = (await (await fetch(`${upstreamUrl}/__demo/info`)).json()) as DemoInfo
  const { fixtures, story } = info
  return {
    lookupIds: [
      fixtures.inquiry,
      fixtures.inquirySession,
      fixtures.approvedEvent,
      fixtures.deepidvSession,
      ...(story ? [story.failedInquiry] : []),
    ] as string[],
    referenceId: story?.referenceId ?? null,
  }
}
