import { describe, expect, it, vi } from 'vitest'
import { restrictStorageToExtension } from './storage-access.ts'

describe('restrictStorageToExtension', () => {
  it('should close the local and managed areas to content scripts', async () => {
    const local = { setAccessLevel: vi.fn(async () => {}) }
    const managed = { setAccessLevel: vi.fn(async () => {}) }
    expect(await restrictStorageToExtension({ local, managed })).toEqual(['local', 'managed'])
    expect(local.setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' })
    expect(managed.setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' })
  })

  it('should keep going where Chrome supports it for no area or one only', async () => {
    const local = { setAccessLevel: vi.fn(async () => Promise.reject(new Error('not supported for this area'))) }
    expect(await restrictStorageToExtension({ local, managed: {} })).toEqual([])
  })
})
