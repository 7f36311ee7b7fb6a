/**
 * `npm run mcp:demo [-- <relay url> <token>]`: the official MCP SDK client against a running relay
 * (`npm run dev`): lists the tools, then asks why_failed about the demo story's inquiry. Defaults: the dev relay
 * (on RELAY_PORT, as `npm run dev` reads it) and the demo ai token. A failure is one line, without a stack trace.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { DEMO } from '../harness/demo-credentials.ts'

const STORY_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const [relay = `http://127.0.0.1:${process.env.RELAY_PORT ?? 8787}`, token = DEMO.aiToken] = process.argv.slice(2)
const endpoint = new URL('/mcp', relay)

/** The innermost cause's message: a refused connection is fetch's `cause`, not its "fetch failed". */
function causeOf(err: unknown): string {
  let inner = err
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause
  return inner instanceof Error ? inner.message : String(inner)
}

const client = new Client({ name: 'idv-lens-mcp-demo', version: '1.0.0' })
try {
  // Each call on a connection of its own: wrangler dev closes idle pooled ones when it likes, and a call
  // sent on one it had just closed failed with "other side closed".
  const headers = { authorization: `Bearer ${token}`, connection: 'close' }
  await client.connect(new StreamableHTTPClientTransport(endpoint, { requestInit: { headers } }))
  const { tools } = await client.listTools()
  console.log(`tools: ${tools.map((tool) => tool.name).join(', ')}`)
  const result = (await client.callTool({ name: 'why_failed', arguments: { id: STORY_INQUIRY, ticket: 'demo-ticket-1' } })) as {
    content: { type: string; text?: string }[]
  }
  for (const part of result.content) if (part.type === 'text') console.log(part.text)
} catch (err) {
  console.error(
    `npm run mcp:demo: ${endpoint.href} failed (${causeOf(err)}). Is npm run dev running there? On other ports, set RELAY_PORT as for npm run dev.`,
  )
  process.exitCode = 1
} finally {
  await client.close().catch(() => {})
}
