/** The demo ticket page's flagged inquiry, for `npm run dev` (dev.ts): its detail offers the escalation, not a link. */
import { flaggedCheck } from '@idv-lens/shared/replies'

type Check = { name: string; status: string; reasons?: string[] }
type Inquiry = { included?: { type: string; attributes: { checks?: Check[] } }[] }

/** Where the page takes the note (a comment, so the page's own IDs stay the story's). */
const SLOT = '<!-- npm run dev: a flagged inquiry -->'

/**
 * The first failed inquiry of the demo data that a fraud check flagged, by the product's own rule
 * (flaggedCheck), read from the demo upstream with a key of its own; null when there is none.
 */
export async function flaggedDemoInquiry(personaBase: string): Promise<string | null> {
  const headers = { authorization: 'Bearer persona_demo_dev_flagged' }
  const list = (await (await fetch(`${personaBase}/inquiries?filter%5Bstatus%5D=failed&page%5Bsize%5D=100`, { headers })).json()) as {
    data: { id: string }[]
  }
  for (const { id } of list.data) {
    const body = (await (await fetch(`${personaBase}/inquiries/${id}?include=verifications`, { headers })).json()) as Inquiry
    const checks = (body.included ?? []).filter((i) => i.type.startsWith('verification/')).flatMap((v) => v.attributes.checks ?? [])
    if (flaggedCheck(checks.filter((c) => c.status === 'failed').map((c) => ({ check: c.name, reasons: c.reasons ?? [] })))) return id
  }
  return null
}

/** The page with an internal note naming `id` in its slot (unchanged without one). */
export function withFlaggedNote(html: string, id: string | null): string {
  if (!id) return html
  const note = `<article class="internal" id="comment-3">
      <div class="author">Fraud ops (internal note)</div>
      <p>Another customer's inquiry ${id} was flagged by a fraud check: escalate it, never resend a link.</p>
    </article>`
  return html.replace(SLOT, note)
}
