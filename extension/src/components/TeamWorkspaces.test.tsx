// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { fakeBrowser } from 'wxt/testing/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { managedTeamWorkspacesItem } from '../lib/settings.ts'
import { fakeGrants } from '../../test-support/team-workspaces-fakes.ts'
import { TeamWorkspacePrompts } from './TeamWorkspaces.tsx'

describe('TeamWorkspacePrompts', () => {
  const root = document.createElement('div')
  document.body.append(root)
  beforeEach(() => fakeBrowser.reset())
  afterEach(() => render(null, root))

  const lines = () => [...root.querySelectorAll<HTMLElement>('.team-workspace')].map((p) => p.textContent)
  const show = (grants = fakeGrants()) => (act(() => render(<TeamWorkspacePrompts api={grants.api} />, root)), grants)

  it('should say which workspaces the team turned on, and offer Allow for each one not granted', async () => {
    await managedTeamWorkspacesItem.setValue(['gmail', 'slack'])
    show(fakeGrants(['https://app.slack.com/*']))
    await vi.waitFor(() => expect(lines()).toEqual(['Your team turned on Gmail for IDV Lens: Allow']))
    const allow = root.querySelector<HTMLButtonElement>('[data-testid=allow-gmail]')!
    // Screen readers hear what Allow is for.
    expect(document.getElementById(allow.getAttribute('aria-describedby')!)!.textContent).toBe('Your team turned on Gmail for IDV Lens:')
  })

  it('should ask for the origins inside the click, and say nothing more once granted', async () => {
    await managedTeamWorkspacesItem.setValue(['slack'])
    const grants = show()
    await vi.waitFor(() => expect(lines()).toHaveLength(1))
    act(() => root.querySelector<HTMLButtonElement>('[data-testid=allow-slack]')!.click())
    expect(grants.permissions.request).toHaveBeenCalledWith({ origins: ['https://app.slack.com/*'] })
    await vi.waitFor(() => expect(root.querySelector('[data-testid=team-workspaces]')).toBeNull())
  })

  it('should keep the offer when the agent declines, and show one the team adds while open', async () => {
    const grants = fakeGrants()
    grants.permissions.request.mockResolvedValue(false)
    show(grants)
    expect(root.innerHTML).toBe('')
    await act(() => managedTeamWorkspacesItem.setValue(['gmail']))
    await vi.waitFor(() => expect(lines()).toHaveLength(1))
    await act(async () => root.querySelector<HTMLButtonElement>('[data-testid=allow-gmail]')!.click())
    expect(grants.permissions.request).toHaveBeenCalledTimes(1)
    expect(lines()).toEqual(['Your team turned on Gmail for IDV Lens: Allow'])
  })

  it('should take the offer back when the site is granted elsewhere (chrome://extensions)', async () => {
    await managedTeamWorkspacesItem.setValue(['gmail'])
    const grants = show()
    await vi.waitFor(() => expect(lines()).toHaveLength(1))
    grants.origins.add('https://mail.google.com/*')
    act(() => grants.added.forEach((cb) => cb()))
    await vi.waitFor(() => expect(lines()).toEqual([]))
  })
})
