/**
 * The objects this agent changed from this browser (an action that went through), and when: a change
 * of one of them that a webhook or a watch re-check brings shortly after is the agent's own, so no
 * notification tells them of it (issue 75). Kept in storage.session: the service worker may stop
 * between the write and the webhook. IDs only, never a value.
 */
import { storage } from '#imports'

/** How long after the agent's own write a change of that object is taken for theirs. */
export const OWN_CHANGE_MS = 15 * 60_000

export const ownChangesItem = storage.defineItem<Record<string, number>>('session:ownChanges', { fallback: {} })

const recent = (all: Record<string, number>, now: number) =>
  Object.fromEntries(Object.entries(all).filter(([, at]) => now - at < OWN_CHANGE_MS && at <= now))

/** Notes that the agent just changed `id` (and drops what is past the window). */
export async function recordOwnChange(id: string, now: number): Promise<void> {
  await ownChangesItem.setValue({ ...recent(await ownChangesItem.getValue(), now), [id]: now })
}

/** Whether the agent changed any of `ids` themselves within the window. */
export async function isOwnChange(ids: readonly string[], now: number): Promise<boolean> {
  const mine = recent(await ownChangesItem.getValue(), now)
  return ids.some((id) => Object.hasOwn(mine, id))
}
