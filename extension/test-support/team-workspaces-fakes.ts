import { vi } from 'vitest'
import type { OfferApi } from '../src/background/team-workspaces-offer.ts'

/**
 * Grants the test controls, for the team workspaces' tests (the fake browser leaves the permissions
 * API unimplemented): `request` grants what it is asked; `openOptionsPage` is the background's offer.
 */
export function fakeGrants(initial: string[] = []) {
  const origins = new Set(initial)
  const added = new Set<() => void>()
  const removed = new Set<() => void>()
  const event = (set: Set<() => void>) => ({
    addListener: (cb: () => void) => set.add(cb),
    removeListener: (cb: () => void) => set.delete(cb),
  })
  const openOptionsPage = vi.fn(async () => {})
  const permissions = {
    contains: vi.fn(async ({ origins: asked = [] }: { origins?: string[] }) => asked.every((o) => origins.has(o))),
    request: vi.fn(async ({ origins: asked = [] }: { origins?: string[] }) => {
      asked.forEach((o) => origins.add(o))
      added.forEach((cb) => cb())
      return true
    }),
    onAdded: event(added),
    onRemoved: event(removed),
  }
  return {
    origins,
    added,
    removed,
    permissions,
    openOptionsPage,
    api: { permissions, runtime: { openOptionsPage } } as unknown as OfferApi,
  }
}
