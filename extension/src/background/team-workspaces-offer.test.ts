import { fakeBrowser } from 'wxt/testing/fake-browser'
import { beforeEach, describe, expect, it } from 'vitest'
import { managedTeamWorkspacesItem } from '../lib/settings.ts'
import { fakeGrants } from '../../test-support/team-workspaces-fakes.ts'
import { offerTeamWorkspaces, offeredTeamWorkspacesItem } from './team-workspaces-offer.ts'

beforeEach(() => fakeBrowser.reset())

describe("opening the options page for the team's workspaces", () => {
  it('should open it once for a workspace the team turned on and this browser has not granted', async () => {
    await managedTeamWorkspacesItem.setValue(['gmail', 'slack'])
    const grants = fakeGrants(['https://app.slack.com/*'])
    expect(await offerTeamWorkspaces(grants.api)).toEqual(['gmail'])
    expect(grants.openOptionsPage).toHaveBeenCalledTimes(1)
    // The next update: Gmail still not allowed, but the page was opened for it already.
    expect(await offerTeamWorkspaces(grants.api)).toEqual([])
    expect(grants.openOptionsPage).toHaveBeenCalledTimes(1)
    expect(await offeredTeamWorkspacesItem.getValue()).toEqual(['gmail'])
  })

  it('should open it again for a workspace the team adds later, and for nothing already granted', async () => {
    await managedTeamWorkspacesItem.setValue(['gmail'])
    const grants = fakeGrants()
    await offerTeamWorkspaces(grants.api)
    await managedTeamWorkspacesItem.setValue(['gmail', 'slack'])
    expect(await offerTeamWorkspaces(grants.api)).toEqual(['slack'])
    expect(grants.openOptionsPage).toHaveBeenCalledTimes(2)

    await fakeBrowser.reset()
    await managedTeamWorkspacesItem.setValue(['gmail', 'slack'])
    const allGranted = fakeGrants(['https://mail.google.com/*', 'https://app.slack.com/*'])
    expect(await offerTeamWorkspaces(allGranted.api)).toEqual([])
    expect(allGranted.openOptionsPage).not.toHaveBeenCalled()
  })

  it('should open nothing without a team list', async () => {
    const grants = fakeGrants()
    expect(await offerTeamWorkspaces(grants.api)).toEqual([])
    expect(grants.openOptionsPage).not.toHaveBeenCalled()
  })
})
