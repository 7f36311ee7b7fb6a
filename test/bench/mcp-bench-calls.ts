import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { DEMO } from '../harness/stack.ts'

/** The demo story's inquiry: both paths answer it from the relay's cache once warmed. */
const STORY_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'

/** One call that throws unless the relay answered it well. */
export type Call = () => Promise<void>

/**
 * A `/v1/lookup` of the story's inquiry with the human agent's token, its JSON answer read and checked
 * as the tool's is (`rawCall`): both sides of the bench do the same work, client side too.
 */
export function restCall(relayUrl: string): Call {
  const url = `${relayUrl}/v1/lookup?ids=${STORY_INQUIRY}`
  const headers = { authorization: `Bearer ${DEMO.agentToken}` }
  return async () => {
    const res = await fetch(url, { headers })
    const answer = (await res.json()) as { data?: Array<{ id?: string }> }
    if (!res.ok) throw new Error(`/v1/lookup answered ${res.status}`)
    if (answer.data?.[0]?.id !== STORY_INQUIRY) throw new Error('/v1/lookup answered another inquiry')
  }
}

/** The SDK client's `tools/call` POST: its headers and body, as it sent them. */
export type ToolCallRequest = { headers: Record<string, string>; body: string }

/** The `lookup` tool's answer checked: not an error, and the story's inquiry in it. */
function checkLookup(result: { isError?: boolean; structuredContent?: unknown } | undefined): void {
  if (!result || result.isError) throw new Error('the lookup tool call failed')
  const data = (result.structuredContent as { data?: Array<{ id?: string }> } | undefined)?.data
  if (data?.[0]?.id !== STORY_INQUIRY) throw new Error('the lookup tool answered another inquiry')
}

/** An official SDK client of the AI's token; `seen` receives the `tools/call` requests it POSTs. */
export async function sdkClient(relayUrl: string, seen?: (request: ToolCallRequest) => void): Promise<Client> {
  const spy: typeof fetch = (input, init) => {
    const body = typeof init?.body === 'string' ? init.body : ''
    if (seen && body.includes('"tools/call"')) seen({ headers: Object.fromEntries(new Headers(init?.headers).entries()), body })
    return fetch(input, init)
  }
  const client = new Client({ name: 'bench', version: '1.0.0' })
  const headers = { authorization: `Bearer ${DEMO.aiToken}` }
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', relayUrl), { fetch: spy, requestInit: { headers } }))
  return client
}

/** The SDK client's `callTool` (its own result validation included). */
export const sdkCall =
  (client: Client): Call =>
  async () =>
    checkLookup((await client.callTool({ name: 'lookup', arguments: { ids: [STORY_INQUIRY] } })) as Parameters<typeof checkLookup>[0])

/**
 * One JSON-RPC `tools/call` POSTed as the SDK client POSTs it (same headers, same body; the relay's /mcp
 * is stateless, so no session is needed), its JSON answer checked as `checkLookup` does.
 */
export function rawCall(relayUrl: string, request: ToolCallRequest): Call {
  const url = `${relayUrl}/mcp`
  const id = (JSON.parse(request.body) as { id: unknown }).id
  return async () => {
    const res = await fetch(url, { method: 'POST', headers: request.headers, body: request.body })
    const answer = (await res.json()) as { id?: unknown; result?: Parameters<typeof checkLookup>[0] }
    if (!res.ok || answer.id !== id) throw new Error(`/mcp answered ${res.status}`)
    checkLookup(answer.result)
  }
}
