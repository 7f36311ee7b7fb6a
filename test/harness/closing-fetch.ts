/**
 * `fetch` on a connection of its own, closed after the answer (`Connection: close`): wrangler dev
 * closes idle keep-alive connections when it likes, and a request sent on a pooled one it had just
 * closed failed an MCP client under load. The relay and browser projects make it every test file's
 * fetch (harness/closing-fetch-setup.ts), so plain fetches and the MCP SDK clients all get it.
 */
export function closingFetchFrom(base: typeof fetch): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined))
    headers.set('connection', 'close')
    return base(input, { ...init, headers })
  }
}

const ORIGINAL = Symbol.for('idv-lens.test.pooledFetch')

/** Makes the closing fetch this process's `fetch`, once: a later call (the next file in the worker) keeps it. */
export function useClosingFetch(): void {
  const global = globalThis as typeof globalThis & { [ORIGINAL]?: typeof fetch }
  if (global[ORIGINAL]) return
  global[ORIGINAL] = globalThis.fetch
  globalThis.fetch = closingFetchFrom(globalThis.fetch)
}
