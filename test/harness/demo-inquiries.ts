import { DEMO } from './stack.ts'

/** The first inquiry the relay lists with `status` (the demo upstream's seed has each status), asked as the agent of `token`. */
export async function inquiryWithStatus(relayUrl: string, status: string, token: string = DEMO.agentToken): Promise<string> {
  const res = await fetch(`${relayUrl}/v1/persona/inquiries?filter%5Bstatus%5D=${status}&page%5Bsize%5D=1`, {
    headers: { authorization: `Bearer ${token}` },
  })
  const body = (await res.json()) as { data?: { id: string }[] }
  const id = body.data?.[0]?.id
  if (!id) throw new Error(`The demo data has no ${status} inquiry (HTTP ${res.status})`)
  return id
}
