import { browser, storage } from '#imports'
import { teamWorkspacesToAllow, type TeamWorkspacesApi } from '../lib/team-workspaces.ts'

/** The team's workspaces the options page was opened for already: it opens once for each. */
export const offeredTeamWorkspacesItem = storage.defineItem<string[]>('local:teamWorkspacesOffered', { fallback: [] })

export type OfferApi = TeamWorkspacesApi & { runtime: Pick<typeof browser.runtime, 'openOptionsPage'> }

/**
 * After an install or update: when the team turned on a workspace (policy) this browser has not
 * granted, opens the options page, where its Allow button is (no policy can grant it, and the
 * browser's prompt needs the agent's click). Once per workspace, granted or not since; returns the
 * workspaces it opened the page for.
 */
export async function offerTeamWorkspaces(api: OfferApi = browser): Promise<string[]> {
  const [toAllow, offered] = await Promise.all([teamWorkspacesToAllow(api), offeredTeamWorkspacesItem.getValue()])
  const fresh = toAllow.map((w) => w.id).filter((id) => !offered.includes(id))
  if (fresh.length === 0) return []
  // Remembered first: a page that fails to open is not retried at every update.
  await offeredTeamWorkspacesItem.setValue([...offered, ...fresh])
  await api.runtime.openOptionsPage()
  return fresh
}
