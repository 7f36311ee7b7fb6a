import { h, type ComponentType } from 'preact'
import { useEffect, useState } from 'preact/hooks'

export type LazyComponent<P> = ComponentType<P> & {
  /** Fetches the chunk now (tests, or a view that knows it is about to need it). */
  load(): Promise<ComponentType<P>>
}

/**
 * A component whose code is a chunk of its own, fetched the first time it is shown: a surface's
 * first screen does not wait for what it shows only sometimes (a failure, search results, the
 * live feed). Renders nothing until the chunk is in, which happens once per page; a chunk that
 * failed to load is asked for again at the next showing.
 */
export function lazyComponent<P extends object>(importer: () => Promise<ComponentType<P>>): LazyComponent<P> {
  let loaded: ComponentType<P> | null = null
  let loading: Promise<ComponentType<P>> | null = null
  const load = () =>
    (loading ??= importer().then(
      (component) => (loaded = component),
      (err: unknown) => {
        loading = null
        throw err
      },
    ))
  function Lazy(props: P) {
    const [, rerender] = useState(0)
    useEffect(() => {
      if (!loaded)
        load().then(
          () => rerender((n) => n + 1),
          () => {},
        )
    }, [])
    return loaded ? h(loaded, props) : null
  }
  return Object.assign(Lazy, { load })
}
