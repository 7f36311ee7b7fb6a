/**
 * `npm run mcp:demo [-- <relay url> <token>]`: the official MCP SDK client against a running relay
 * (`npm run dev`): lists the tools, then asks why_failed about the demo story's inquiry. Defaults: the dev relay
 * and the demo ai token.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { DEMO } from '../harness/stack.ts'

const STORY_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const [relay = `http://127.0.0.1:${process.env.RELAY_PORT ?? 8787}`, token = DEMO.aiToken] = process.argv.slice(2)

const client = new Client({ name: 'idv-lens-mcp-demo', version: '1.0.0' })
await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', relay), { requestInit: { headers: { authorization: `Bearer ${token}` } } }))
try {
  const { tools } = await client.listTools()
  console.log(`tools: ${tools.map((tool) => tool.name).join(', ')}`)
  const result = (await client.callTool({ name: 'why_failed', arguments: { id: STORY_INQUIRY, ticket: 'demo-ticket-1' } })) as { content: { type: string; text?: string }[] }
  for (const part of result.content) if (part.type === 'text') console.log(part.text)
} finally {
  await client.close()
}
