import { fakeBrowser } from 'wxt/testing/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { GMAIL } from '../sites/gmail.ts'
import { SLACK } from '../sites/slack.ts'
import { managedTeamWorkspacesItem } from './settings.ts'
import { allowWorkspace, parseTeamWorkspaces, teamWorkspacesToAllow, watchTeamWorkspaces } from './team-workspaces.ts'
import { fakeGrants } from '../../test-support/team-workspaces-fakes.ts'

beforeEach(() => fakeBrowser.reset())

describe("the policy's teamWorkspaces", () => {
  it("should keep the one-click workspaces it names, in any case and spacing, each once, in the options page's order", () => {
    expect(parseTeamWorkspaces(['Slack', ' gmail ', 'slack'])).toEqual(['gmail', 'slack'])
  })

  it('should drop names this version does not know and values that are no names', () => {
    expect(parseTeamWorkspaces(['teams', 3, null, 'GMAIL', { id: 'slack' }])).toEqual(['gmail'])
    expect(parseTeamWorkspaces([])).toEqual([])
  })

  it('should say "no list" for anything but a list', () => {
    for (const raw of [undefined, 'gmail', { gmail: true }, 1]) expect(parseTeamWorkspaces(raw)).toBeUndefined()
  })
})

describe('workspaces the team wants', () => {
  it('should offer nothing while policy names none, without asking the browser', async () => {
    const { api, permissions } = fakeGrants()
    expect(await teamWorkspacesToAllow(api)).toEqual([])
    expect(permissions.contains).not.toHaveBeenCalled()
  })

  it('should offer those not granted yet, and nothing once each is granted', async () => {
    await managedTeamWorkspacesItem.setValue(['gmail', 'slack'])
    const { api } = fakeGrants([...SLACK.origins])
    expect(await teamWorkspacesToAllow(api)).toEqual([GMAIL])
    expect(await allowWorkspace(GMAIL, api)).toBe(true)
    expect(await teamWorkspacesToAllow(api)).toEqual([])
  })

  it('should offer nothing when the browser cannot say whether it is granted', async () => {
    await managedTeamWorkspacesItem.setValue(['gmail'])
    const { api, permissions } = fakeGrants()
    permissions.contains.mockRejectedValue(new Error('no'))
    expect(await teamWorkspacesToAllow(api)).toEqual([])
  })

  it("should ask for the workspace's origins in the same turn as the click, and answer false when the browser refuses", async () => {
    const { api, permissions } = fakeGrants()
    const asked = allowWorkspace(SLACK, api)
    // Before anything is awaited: the browser shows its prompt only inside the click's gesture.
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['https://app.slack.com/*'] })
    expect(await asked).toBe(true)
    permissions.request.mockRejectedValueOnce(new Error('This function must be called during a user gesture'))
    expect(await allowWorkspace(GMAIL, api)).toBe(false)
    permissions.request.mockImplementationOnce(() => {
      throw new Error('sync')
    })
    expect(await allowWorkspace(GMAIL, api)).toBe(false)
  })

  it('should hear of a new list and of grants, and stop hearing when unwatched', async () => {
    const { api, added, removed } = fakeGrants()
    const onChange = vi.fn()
    const unwatch = watchTeamWorkspaces(onChange, api)
    await managedTeamWorkspacesItem.setValue(['gmail'])
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1))
    added.forEach((cb) => cb())
    removed.forEach((cb) => cb())
    expect(onChange).toHaveBeenCalledTimes(3)
    unwatch()
    expect([added.size, removed.size]).toEqual([0, 0])
    await managedTeamWorkspacesItem.setValue(['slack'])
    expect(onChange).toHaveBeenCalledTimes(3)
  })
})
