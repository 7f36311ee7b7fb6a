/**
 * What one search costs at Persona: the relay under `wrangler dev` and the demo upstream, one
 * `GET /v1/history` per demo customer (a reference ID with N inquiries), the Persona calls it made
 * counted by the demo upstream for the relay's key, then the same search again (the relay's cache).
 * One customer per mix of N and inquiries that need a why (failed, declined, needs review). Asserts nothing.
 */
import { DEMO, startStack } from '../harness/stack.ts'

type Inquiry = { id: string; attributes: Record<string, unknown> }
const NEEDS_A_WHY = ['failed', 'declined', 'needs_review']
/** The demo upstream's own count is kept per key: this one lists the seed without touching the relay's. */
const ORACLE = { authorization: 'Bearer persona_demo_search_cost_oracle' }

/** Every seeded inquiry, page by page, asked of the demo upstream directly. */
async function allInquiries(base: string): Promise<Inquiry[]> {
  const all: Inquiry[] = []
  let after: string | null = ''
  while (after !== null) {
    const page = (await (
      await fetch(`${base}/inquiries?page%5Bsize%5D=100${after ? `&page%5Bafter%5D=${after}` : ''}`, { headers: ORACLE })
    ).json()) as {
      data: Inquiry[]
      links?: { next?: string | null }
    }
    all.push(...page.data)
    after = page.links?.next ? new URL(page.links.next, 'https://persona.invalid').searchParams.get('page[after]') : null
  }
  return all
}

/** One customer per (N, needing a why, reviewed) mix, the most inquiries first. */
function customers(inquiries: Inquiry[]): { reference: string; n: number; why: number; reviewed: number }[] {
  const byReference = new Map<string, Inquiry[]>()
  for (const inquiry of inquiries) {
    const reference = inquiry.attributes['reference-id']
    if (typeof reference === 'string') byReference.set(reference, [...(byReference.get(reference) ?? []), inquiry])
  }
  const rows = [...byReference].map(([reference, list]) => ({
    reference,
    n: list.length,
    why: list.filter((i) => NEEDS_A_WHY.includes(i.attributes.status as string)).length,
    reviewed: list.filter(
      (i) => !NEEDS_A_WHY.includes(i.attributes.status as string) && typeof i.attributes['marked-for-review-at'] === 'string',
    ).length,
  }))
  const seen = new Set<string>()
  return rows
    .sort((a, b) => b.n - a.n)
    .filter((r) => !seen.has(`${r.n}/${r.why}/${r.reviewed}`) && !!seen.add(`${r.n}/${r.why}/${r.reviewed}`))
}

const stack = await startStack()
try {
  const search = (reference: string) =>
    fetch(`${stack.relay.url}/v1/history?reference-id=${encodeURIComponent(reference)}`, {
      headers: { authorization: `Bearer ${DEMO.agentToken}` },
    }).then((r) => r.text())
  console.log('reference\tN\tneed a why\treviewed only\tPersona calls\tagain (cached)')
  for (const c of customers(await allInquiries(stack.upstream.personaBase))) {
    const before = await stack.upstream.personaCalls()
    await search(c.reference)
    const first = await stack.upstream.personaCalls()
    await search(c.reference)
    const again = await stack.upstream.personaCalls()
    console.log([c.reference, c.n, c.why, c.reviewed, first - before, again - first].join('\t'))
  }
} finally {
  await stack.stop()
}
