import { storage } from '#imports'
import { REQUESTER_MATCH_VALID_MS, type RequesterCheckResponse } from '@idv-lens/shared/api'
import type { HeldRequesterMatch, RelayResult } from '../lib/messages.ts'

/*
A requester match holds for the link step as long as the relay holds it (REQUESTER_MATCH_VALID_MS,
gate/action-guards.ts): a card's match is the side panel's too, so the agent checks once. Kept per
record in storage.session (memory only, closed to content scripts): the ID, the field compared and
when, never the value. Only the extension's pages are told (`heldRequesterMatch`).
*/
type Held = Record<string, HeldRequesterMatch>

const heldItem = storage.defineItem<Held>('session:requesterMatches', { fallback: {} })

const fresh = (held: Held, now: number): Held =>
  Object.fromEntries(Object.entries(held).filter(([, m]) => m.at <= now && now - m.at < REQUESTER_MATCH_VALID_MS))

/** Keeps a relay's `match` for its record (anything else answers nothing); drops the expired ones. */
export async function holdRequesterMatch(result: RelayResult<RequesterCheckResponse>, now: number): Promise<void> {
  if (!result.ok || result.data.data.result !== 'match') return
  const { id, field } = result.data.data
  await heldItem.setValue({ ...fresh(await heldItem.getValue(), now), [id]: { field, at: now } })
}

/** The match held for `id` at `now`, or null (none, or older than the relay's 15 minutes). */
export async function heldRequesterMatch(id: string, now: number): Promise<HeldRequesterMatch | null> {
  return fresh(await heldItem.getValue(), now)[id] ?? null
}

/** `check`, holding each match it answers. */
export function holdingMatches<R>(check: (req: R) => Promise<RelayResult<RequesterCheckResponse>>, now: () => number) {
  return async (req: R): Promise<RelayResult<RequesterCheckResponse>> => {
    const result = await check(req)
    await holdRequesterMatch(result, now()).catch(() => {})
    return result
  }
}
