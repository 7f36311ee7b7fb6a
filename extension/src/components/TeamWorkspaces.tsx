import { useEffect, useState } from 'preact/hooks'
import { browser } from '#imports'
import type { OneClickWorkspace } from '../sites/workspace.ts'
import { allowWorkspace, teamWorkspacesToAllow, watchTeamWorkspaces, type TeamWorkspacesApi } from '../lib/team-workspaces.ts'
import { t } from '../lib/i18n.ts'

/**
 * The workspaces the team turned on (policy) that this browser has not granted yet; empty until
 * known, and again once each is granted. Read after first paint, from the policy's cached copy.
 */
export function useTeamWorkspacesToAllow(api: TeamWorkspacesApi = browser): readonly OneClickWorkspace[] {
  const [toAllow, setToAllow] = useState<readonly OneClickWorkspace[]>([])
  useEffect(() => {
    // Reads can overlap (a grant while the list is read): only the latest one is shown.
    let reads = 0
    const read = () => {
      const n = ++reads
      void teamWorkspacesToAllow(api).then(
        (next) => n === reads && setToAllow(next),
        () => {},
      )
    }
    read()
    return watchTeamWorkspaces(read, api)
  }, [api])
  return toAllow
}

/** "Your team turned on Gmail for IDV Lens." and its Allow button, which asks Chrome inside the click. */
export function TeamWorkspacePrompt({ workspace, api = browser }: { workspace: OneClickWorkspace; api?: TeamWorkspacesApi }) {
  const said = `team-workspace-${workspace.id}-said`
  return (
    <p class="team-workspace" data-testid={`team-workspace-${workspace.id}`}>
      <span id={said}>{t('teamWorkspaceOn', workspace.name)}</span>{' '}
      <button
        type="button"
        aria-describedby={said}
        data-testid={`allow-${workspace.id}`}
        onClick={() => void allowWorkspace(workspace, api)}
      >
        {t('teamWorkspaceAllow')}
      </button>
    </p>
  )
}

/** The popup's prompts: one line per workspace the team wants and this browser has not granted; nothing otherwise. */
export function TeamWorkspacePrompts({ api = browser }: { api?: TeamWorkspacesApi }) {
  const toAllow = useTeamWorkspacesToAllow(api)
  if (toAllow.length === 0) return null
  return (
    <div class="team-workspaces" data-testid="team-workspaces">
      {toAllow.map((w) => (
        <TeamWorkspacePrompt key={w.id} workspace={w} api={api} />
      ))}
    </div>
  )
}
