import { browser } from '#imports'

/** The browser APIs the background's page features use (tests pass fakes of these). */
export type BackgroundApi = Pick<typeof browser, 'action' | 'commands' | 'contextMenus' | 'permissions' | 'runtime' | 'scripting' | 'tabs'>

type BrowserEvent<T> = { addListener(cb: T): void; removeListener(cb: T): void }
export type Listen = <T extends (...args: never[]) => unknown>(event: BrowserEvent<T>, cb: T) => void

/** Adds listeners and remembers how to remove them again (tests register and unregister per test). */
export function createListeners(): { listen: Listen; removers: (() => void)[] } {
  const removers: (() => void)[] = []
  const listen: Listen = (event, cb) => {
    event.addListener(cb)
    removers.push(() => event.removeListener(cb))
  }
  return { listen, removers }
}
