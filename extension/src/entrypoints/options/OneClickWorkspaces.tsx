import { useEffect, useState } from 'preact/hooks'
import { browser } from '#imports'
import { ONE_CLICK_WORKSPACES } from '../../sites/helpdesk-matches.ts'
import { TeamWorkspacePrompt, useTeamWorkspacesToAllow } from '../../components/TeamWorkspaces.tsx'
import { t } from '../../lib/i18n.ts'

/**
 * Gmail and Slack, one click each: not granted at install (reading every mail is more than most
 * teams want), turned on here or with the popup's "Always run on this site". Chrome asks the agent to
 * confirm; the background registers the content script once the origin is granted, however it was.
 */
export function OneClickWorkspaces() {
  const [granted, setGranted] = useState<Record<string, boolean>>({})
  // Those the team turned on (policy) and this browser has not granted: said so, with Allow instead of "Turn on".
  const teamAsks = useTeamWorkspacesToAllow()
  useEffect(() => {
    const read = async () => {
      const entries = await Promise.all(
        ONE_CLICK_WORKSPACES.map(async (w) => [w.id, await browser.permissions.contains({ origins: [...w.origins] })] as const),
      )
      setGranted(Object.fromEntries(entries))
    }
    const changed = () => void read()
    void read()
    browser.permissions.onAdded.addListener(changed)
    browser.permissions.onRemoved.addListener(changed)
    return () => {
      browser.permissions.onAdded.removeListener(changed)
      browser.permissions.onRemoved.removeListener(changed)
    }
  }, [])
  return (
    <section class="workspaces" aria-labelledby="workspaces-title" data-testid="one-click-workspaces">
      <h2 id="workspaces-title">{t('workspacesTitle')}</h2>
      <p class="hint">{t('workspacesHint')}</p>
      <ul>
        {ONE_CLICK_WORKSPACES.map((w) => {
          const on = granted[w.id] === true
          const origins = [...w.origins]
          if (!on && teamAsks.some((asked) => asked.id === w.id)) {
            return (
              <li key={w.id}>
                <TeamWorkspacePrompt workspace={w} />
              </li>
            )
          }
          return (
            <li key={w.id}>
              {/* No await before the request: Chrome shows its prompt only inside the click's gesture. */}
              <button
                type="button"
                aria-pressed={on}
                data-testid={`workspace-${w.id}`}
                onClick={() =>
                  void (on ? browser.permissions.remove({ origins }) : browser.permissions.request({ origins })).catch(() => false)
                }
              >
                {on ? t('workspaceTurnOff', w.name) : t('workspaceTurnOn', w.name)}
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
