import { browser } from '#imports'
import { ONE_CLICK_WORKSPACES } from '../sites/helpdesk-matches.ts'
import type { OneClickWorkspace } from '../sites/workspace.ts'
import { managedTeamWorkspacesItem } from './settings.ts'
import { watchItemAndPermissions } from './watch-permissions.ts'

/*
Gmail and Slack turned on for a team: policy names them (`teamWorkspaces`), but no browser policy
grants an optional host permission (Chrome's and Firefox's ExtensionSettings can keep an extension
off hosts, never grant it one), so each agent still allows each one with a click, which the browser
confirms. The popup and the options page offer that click until the workspace is granted.
*/

/**
 * The policy's `teamWorkspaces`: the one-click workspaces it names (ids such as `gmail`, any case),
 * each once and in the options page's order; names this version does not know are dropped.
 * Undefined when policy sets no list.
 */
export function parseTeamWorkspaces(raw: unknown): string[] | undefined {
  if (!Array.isArray(raw)) return undefined
  const named = new Set(raw.filter((v): v is string => typeof v === 'string').map((v) => v.trim().toLowerCase()))
  return ONE_CLICK_WORKSPACES.filter((w) => named.has(w.id)).map((w) => w.id)
}

/** What the prompts need from the browser; injectable for tests (the fake browser has no permissions API). */
export type TeamWorkspacesApi = {
  permissions: Pick<typeof browser.permissions, 'contains' | 'request' | 'onAdded' | 'onRemoved'>
}

/**
 * The workspaces the team wants that this browser has not granted. Reads the policy's cached copy,
 * never managed storage itself, whose first answer after a browser start takes seconds.
 */
export async function teamWorkspacesToAllow(api: TeamWorkspacesApi = browser): Promise<OneClickWorkspace[]> {
  const wanted = await managedTeamWorkspacesItem.getValue()
  const workspaces = ONE_CLICK_WORKSPACES.filter((w) => wanted.includes(w.id))
  // A check that fails offers nothing: better no prompt than one for a workspace already on.
  const granted = await Promise.all(
    workspaces.map((w) =>
      Promise.resolve()
        .then(() => api.permissions.contains({ origins: [...w.origins] }))
        .catch(() => true),
    ),
  )
  return workspaces.filter((_, i) => !granted[i])
}

/** Calls `onChange` when the team's list or the granted origins change. Returns the unwatch function. */
export function watchTeamWorkspaces(onChange: () => void, api: TeamWorkspacesApi = browser): () => void {
  return watchItemAndPermissions(managedTeamWorkspacesItem, onChange, api)
}

/**
 * Asks for the workspace's origins. Call it first thing in the click handler: Chrome shows its
 * prompt only inside the click's user gesture, so nothing may be awaited before it. Declined or
 * refused: false, and the offer stays.
 */
export function allowWorkspace(workspace: OneClickWorkspace, api: TeamWorkspacesApi = browser): Promise<boolean> {
  try {
    return Promise.resolve(api.permissions.request({ origins: [...workspace.origins] })).catch(() => false)
  } catch {
    return Promise.resolve(false)
  }
}
