import { browser, MatchPattern } from '#imports'
import type { RequesterCheckResponse } from '@idv-lens/shared/api'
import { firstRequester, readRequesterParts, type RequesterParts } from '../content/requester/read-requester.ts'
import type { RelayResult, TicketRequesterCheck } from '../lib/messages.ts'
import { REQUESTER_SPOTS, type RequesterSpots } from '../sites/requester-spots.ts'
import type { BackgroundApi } from './listeners.ts'
import { framesHolding } from './tab-badge.ts'

/*
"Check the ticket's requester": on the agent's click (a card, or the side panel's detail), the
requester is read in the ticket's tab, sent once to the relay's requester check, and dropped. The
reader is injected for that click only (scripting.executeScript, the content script's world): the
page's eager script carries none of it. The value goes from the page to the relay through here and
nowhere else: callers get match / no-match / unknown and which field was compared.
*/

type Check = (req: { id: string; field: 'email' | 'name'; value: string }) => Promise<RelayResult<RequesterCheckResponse>>

/** The spots of the workspace the tab's page is in; null where none is known (the agent pastes). */
export function requesterSpotsFor(url: string | undefined): RequesterSpots | null {
  if (!url) return null
  const entry = REQUESTER_SPOTS.find((e) => e.hosts.some((host) => new MatchPattern(host).includes(url)))
  return entry ? { email: entry.email, name: entry.name, reference: entry.reference ?? [] } : null
}

/** Reads in `frames` (the ID's own frame first, then the page's top frame): each frame's parts, in that order. */
export async function readInTab(
  api: Pick<BackgroundApi, 'scripting'>,
  tabId: number,
  frames: number[],
  spots: RequesterSpots,
): Promise<RequesterParts[]> {
  const frameIds = [...new Set(frames)]
  const results = await api.scripting
    .executeScript({ target: { tabId, frameIds }, func: readRequesterParts, args: [spots] })
    .catch(() => [])
  return frameIds.flatMap((frameId) => {
    const parts = results.find((r) => r.frameId === frameId)?.result as RequesterParts | undefined
    return parts ? [parts] : []
  })
}

/** Reads the requester where `id` sits and asks the relay; `none` when the page shows no requester. */
export async function checkTicketRequester(
  deps: { api: Pick<BackgroundApi, 'scripting'>; check: Check },
  at: { tabId: number; frameIds: number[]; url: string | undefined; id: string },
): Promise<TicketRequesterCheck> {
  const spots = requesterSpotsFor(at.url)
  // The check compares an email or a name: the customer reference is not read for it.
  const frames = spots ? await readInTab(deps.api, at.tabId, [...at.frameIds, 0], { email: spots.email, name: spots.name }) : []
  const read = frames.map(firstRequester).find((one) => one !== null)
  if (!read) return { read: 'none' }
  return { read: read.field, answer: await deps.check({ id: at.id, field: read.field, value: read.value }) }
}

/**
 * The ticket's tab for the side panel's click: the tab the ID was seen on, the active one of the
 * last focused window when several show it. Null when no open tab reported the ID.
 */
export async function ticketTabOf(id: string): Promise<{ tabId: number; frameIds: number[]; url: string | undefined } | null> {
  const frames = await framesHolding([id])
  if (frames.length === 0) return null
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true }).catch(() => [])
  const tabId = frames.find((f) => f.tabId === active?.id)?.tabId ?? frames[0]!.tabId
  const tab = await browser.tabs.get(tabId).catch(() => null)
  return { tabId, frameIds: frames.filter((f) => f.tabId === tabId).map((f) => f.frameId), url: tab?.url }
}
