import { fakeBrowser } from 'wxt/testing/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Send } from '../lib/messages.ts'
import { settingsItem, siteSettingsItem } from '../lib/settings.ts'
import { OptionsModel, parseSites, urlProblem } from './options-model.ts'

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('OptionsModel', () => {
  beforeEach(() => fakeBrowser.reset())

  it('should save the form to storage.local under settings', async () => {
    const model = new OptionsModel(vi.fn() as unknown as Send)
    await flush()
    model.workerUrl.value = 'https://relay.example.workers.dev/'
    model.agentToken.value = ' idvl_abc '
    model.sites.value = 'Acme.zendesk.com\nacme.zendesk.com, help.acme.io'
    await model.save()

    expect(await fakeBrowser.storage.local.get('settings')).toEqual({
      settings: { workerUrl: 'https://relay.example.workers.dev/', agentToken: 'idvl_abc' },
    })
    expect(await siteSettingsItem.getValue()).toEqual({ uuidSites: ['acme.zendesk.com', 'help.acme.io'] })
    expect(model.saveState.value).toBe('saved')
    expect(model.dirty.value).toBe(false)
  })

  it('should show policy values read-only and never overwrite the local ones with them', async () => {
    await settingsItem.setValue({ workerUrl: 'https://mine.example', agentToken: 'mine' })
    await fakeBrowser.storage.managed.set({ workerUrl: 'https://policy.example' })
    const model = new OptionsModel(vi.fn() as unknown as Send)
    await vi.waitFor(() => expect(model.workerUrl.value).toBe('https://policy.example'))

    expect(model.locked.value).toEqual({ workerUrl: true, agentToken: false, sites: false })
    model.agentToken.value = 'new-token'
    await model.save()
    expect(await settingsItem.getValue()).toEqual({ workerUrl: 'https://mine.example', agentToken: 'new-token' })
  })

  it('should test the values in the form, not the saved ones', async () => {
    const send = vi.fn(async () => ({ relay: 'ok', auth: 'ok', message: 'Connected.' }))
    const model = new OptionsModel(send as unknown as Send)
    model.workerUrl.value = 'http://127.0.0.1:8787'
    model.agentToken.value = 'idvl_demo_agent_token'
    await model.testConnection()
    expect(send).toHaveBeenCalledWith('testConnection', { workerUrl: 'http://127.0.0.1:8787', agentToken: 'idvl_demo_agent_token' })
    expect(model.test.value).toMatchObject({ status: 'done', report: { auth: 'ok' } })
  })
})

describe('urlProblem', () => {
  it.each([
    ['https://relay.example.workers.dev', null],
    ['http://127.0.0.1:8787', null],
    ['http://localhost:8787', null],
    ['', null],
    ['http://relay.example.com', 'Use https'],
    ['relay.example.com', 'Enter a full URL'],
  ])('should judge %j', (url, problem) => {
    const found = urlProblem(url)
    if (problem === null) expect(found).toBeNull()
    else expect(found).toContain(problem)
  })
})

describe('parseSites', () => {
  it('should split on lines, commas and spaces, lower-case and dedupe', () => {
    expect(parseSites(' A.zendesk.com,\n\nb.io a.zendesk.com ')).toEqual(['a.zendesk.com', 'b.io'])
  })
})
