import { once } from 'node:events'
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { splice } from './steady-address.ts'

export type HoldingProxy = {
  url: string
  /** From now on every HTTP request waits, before it reaches the relay, until the test releases it. */
  hold(): void
  /** How many requests wait now. */
  waiting(): number
  /** Sends the longest-waiting request on and resolves once its whole answer reached the browser. */
  releaseNext(): Promise<void>
  /** Sends every waiting request on and stops holding. */
  releaseAll(): void
  stop(): Promise<void>
}

/**
 * A relay's address whose answers arrive when the test says: the browser's data comes late, one
 * answer at a time, the same on every run (no sleeps). WebSocket upgrades (live events) pass
 * straight through. It forwards only to `target`, never anywhere else.
 */
export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const to = new URL(target)
  const queue: (() => Promise<void>)[] = []
  let holding = false
  const forward = (req: IncomingMessage, res: ServerResponse) =>
    new Promise<void>((resolve) => {
      const out = request(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
          res.on('close', resolve)
        },
      )
      out.on('error', () => {
        res.writeHead(502).end()
        resolve()
      })
      req.pipe(out)
    })
  const server = createServer((req, res) => {
    if (!holding) return void forward(req, res)
    req.pause()
    queue.push(() => forward(req, res))
  })
  server.on('upgrade', (req, client, head) => {
    const upstream = connect(Number(to.port), to.hostname, () => {
      const lines = [
        `${req.method} ${req.url} HTTP/1.1`,
        ...Object.entries(req.headers).map(([k, v]) => `${k}: ${k === 'host' ? to.host : v}`),
      ]
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`)
      if (head.length) upstream.write(head)
      splice(client, upstream)
    })
  })
  function releaseAll() {
    holding = false
    for (const next of queue.splice(0)) void next()
  }
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hold: () => void (holding = true),
    waiting: () => queue.length,
    releaseNext: async () => {
      const next = queue.shift()
      if (!next) throw new Error('no request is waiting')
      await next()
    },
    releaseAll,
    async stop() {
      releaseAll()
      server.closeAllConnections()
      server.close()
    },
  }
}
