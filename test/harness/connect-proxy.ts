import { once } from 'node:events'
import { createServer } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { splice } from './steady-address.ts'

export type ConnectProxy = { port: number; stop(): Promise<void> }

/**
 * Firefox has no --host-resolver-rules: a PAC file sends the helpdesk host names to this HTTP proxy,
 * which tunnels (CONNECT) to the local fixture server, so the browser still speaks TLS to
 * "acme.zendesk.com" and the extension's real match patterns apply. It forwards only the names it
 * was given, and only to that one port: never an open proxy.
 */
export async function startConnectProxy(hosts: readonly string[], targetPort: number): Promise<ConnectProxy> {
  const server = createServer((_req, res) => res.writeHead(405).end())
  server.on('connect', (req, client, head) => {
    const host = (req.url ?? '').replace(/:\d+$/, '')
    if (!hosts.includes(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    const upstream = connect(targetPort, '127.0.0.1', () => client.write('HTTP/1.1 200 Connection Established\r\n\r\n'))
    // Bytes the client sent with its CONNECT go first; a connecting socket buffers them in order.
    if (head.length) upstream.write(head)
    splice(client, upstream)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    port: (server.address() as AddressInfo).port,
    async stop() {
      server.closeAllConnections()
      server.close()
    },
  }
}

/** A PAC script (as a data: URL for `network.proxy.autoconfig_url`): these hosts through the proxy, all else direct. */
export function pacUrl(hosts: readonly string[], proxyPort: number): string {
  const script = `function FindProxyForURL(url, host) { return ${JSON.stringify(hosts)}.indexOf(host) >= 0 ? "PROXY 127.0.0.1:${proxyPort}" : "DIRECT"; }`
  return `data:text/javascript,${encodeURIComponent(script)}`
}
