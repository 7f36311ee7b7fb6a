import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ContentScriptContext } from '#imports'
import type { Send } from '../lib/messages.ts'
import { createControlsLoader, type Controls, type ControlsDeps } from './controls.ts'
import { MOUNT_CONTROLS, world } from './world-keys.ts'

/** A loader whose `send` stands in for the background: `inject` decides what injecting the file does. */
function setup(inject: () => Promise<unknown> = async () => void (world[MOUNT_CONTROLS] = mount)) {
  const ctx = { isValid: true }
  const send = vi.fn(async (type: string, data: unknown) => {
    expect([type, data]).toEqual(['loadInlineUi', { part: 'controls' }])
    return inject()
  })
  const deps = { ctx: ctx as unknown as ContentScriptContext, send: send as unknown as Send } as ControlsDeps
  return { ctx, send, loader: createControlsLoader(deps) }
}

const controls = { showPageIds: () => true } as unknown as Controls
const mount = vi.fn(() => controls)

afterEach(() => {
  delete world[MOUNT_CONTROLS]
  mount.mockClear()
})

describe('createControlsLoader', () => {
  it('should ask for the controls once and mount them once, however many ask at the same time', async () => {
    const { send, loader } = setup()
    expect(loader.current).toBeNull()
    const [a, b] = await Promise.all([loader.load(), loader.load()])
    expect(a).toBe(controls)
    expect(b).toBe(controls)
    expect(await loader.load()).toBe(controls)
    expect(loader.current).toBe(controls)
    expect(send).toHaveBeenCalledTimes(1)
    expect(mount).toHaveBeenCalledTimes(1)
  })

  it('should resolve to null when the background refuses, and ask again next time', async () => {
    let refuse = true
    const { send, loader } = setup(async () => {
      if (refuse) throw new Error('no')
      world[MOUNT_CONTROLS] = mount
    })
    vi.spyOn(console, 'debug').mockImplementation(() => {})
    expect(await loader.load()).toBeNull()
    refuse = false
    expect(await loader.load()).toBe(controls)
    expect(send).toHaveBeenCalledTimes(2)
  })

  it('should not ask or mount once the extension is gone (updated or removed)', async () => {
    const { ctx, send, loader } = setup()
    ctx.isValid = false
    expect(await loader.load()).toBeNull()
    expect(send).not.toHaveBeenCalled()
    expect(mount).not.toHaveBeenCalled()
  })

  it('should mount nothing when the extension went away while the file was on its way', async () => {
    const { ctx, loader } = setup(async () => {
      world[MOUNT_CONTROLS] = mount
      ctx.isValid = false
    })
    expect(await loader.load()).toBeNull()
    expect(mount).not.toHaveBeenCalled()
  })
})
