import { once } from 'node:events'
import { connect, createServer, type AddressInfo, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'

/**
 * Joins two sockets both ways. When one closes, the other is ended once what came before is written
 * (destroying it at once could cut a response short); when either fails, both go, as a dropped
 * connection does.
 */
export function splice(a: Duplex, b: Duplex): void {
  a.pipe(b)
  b.pipe(a)
  const drop = () => {
    a.destroy()
    b.destroy()
  }
  a.on('error', drop).on('close', () => b.end())
  b.on('error', drop).on('close', () => a.end())
}

export type SteadyAddress = {
  url: string
  /** Where connections go from now on; `null` drops each one at once, as a stopped server's port refuses it. */
  pointAt(port: number | null): void
  stop(): Promise<void>
}

/**
 * One loopback address held for a whole test while the server behind it stops and starts again on
 * whatever port is free, as a redeployed relay keeps its URL. Restarting on the same port cannot
 * promise that: while the server is down its port is free, and any other process (a second copy of
 * the suite) may take it. A plain TCP relay: the browser still speaks HTTP to the real server.
 */
export async function startSteadyAddress(): Promise<SteadyAddress> {
  let target: number | null = null
  const open = new Set<Socket>()
  const server = createServer((client) => {
    if (target === null) return void client.destroy()
    open.add(client)
    client.on('close', () => open.delete(client))
    splice(client, connect(target, '127.0.0.1'))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pointAt(port) {
      target = port
      if (port === null) for (const socket of open) socket.destroy()
    },
    async stop() {
      for (const socket of open) socket.destroy()
      server.close()
      await once(server, 'close')
    },
  }
}
