import { describe, expect, it, vi } from 'vitest'
import { requestRelayAccess, type RelayAccessApi } from './relay-access.ts'

const firefox = (answer: boolean | Error): RelayAccessApi & { request: ReturnType<typeof vi.fn> } => ({
  needsHostPermission: () => true,
  request: vi.fn(async () => {
    if (answer instanceof Error) throw answer
    return answer
  }),
})

describe('requestRelayAccess', () => {
  it("should ask Firefox for the relay's host permission, port and path dropped (match patterns have neither)", async () => {
    const api = firefox(true)
    expect(await requestRelayAccess(' https://relay.example.workers.dev:8443/base/ ', api)).toBe('granted')
    expect(api.request).toHaveBeenCalledWith(['https://relay.example.workers.dev/*'])
    expect(await requestRelayAccess('http://127.0.0.1:8787', api)).toBe('granted')
    expect(api.request).toHaveBeenLastCalledWith(['http://127.0.0.1/*'])
  })

  it("should ask in the same turn it was called in (the prompt needs the click's gesture)", () => {
    const api = firefox(true)
    void requestRelayAccess('https://relay.example', api)
    expect(api.request).toHaveBeenCalledTimes(1)
  })

  it('should report a declined prompt or a failing request as refused', async () => {
    expect(await requestRelayAccess('https://relay.example', firefox(false))).toBe('refused')
    expect(await requestRelayAccess('https://relay.example', firefox(new Error('not in a user gesture')))).toBe('refused')
  })

  it('should ask nothing in Chrome (CORS through ALLOWED_ORIGINS) nor without a usable URL', async () => {
    const chrome = { needsHostPermission: () => false, request: vi.fn() }
    expect(await requestRelayAccess('https://relay.example', chrome)).toBe('cors')
    expect(chrome.request).not.toHaveBeenCalled()
    const api = firefox(true)
    expect(await requestRelayAccess('relay.example', api)).toBe('no-url')
    expect(await requestRelayAccess('', api)).toBe('no-url')
    expect(api.request).not.toHaveBeenCalled()
  })
})
