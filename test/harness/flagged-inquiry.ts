/** The demo upstream's key the tests read it with (their own, not the relay's). */
export const ORACLE = { authorization: 'Bearer persona_demo_flagged_escalation_e2e' }
/** Checks that point at fraud or another person, named here rather than read from the tables under test. */
const SUSPICION = new Set([
  'selfie_suspicious_entity_detection',
  'selfie_public_figure_detection',
  'selfie_repeat_detection',
  'id_compromised_detection',
  'id_fabrication_detection',
  'id_tamper_detection',
  'id_repeat_detection',
])

export type Inquiry = {
  data: { attributes: { tags: string[] } }
  included?: { type: string; attributes: { checks?: { name: string; status: string }[] } }[]
}

/** A failed demo inquiry a suspicion check flagged and nobody tagged yet, read from the demo upstream with the test's own key. */
export async function flaggedInquiry(personaBase: string): Promise<string> {
  const list = (await (
    await fetch(`${personaBase}/inquiries?filter%5Bstatus%5D=failed&page%5Bsize%5D=100`, { headers: ORACLE })
  ).json()) as { data: { id: string }[] }
  for (const { id } of list.data) {
    const body = (await (await fetch(`${personaBase}/inquiries/${id}?include=verifications`, { headers: ORACLE })).json()) as Inquiry
    const failed = (body.included ?? [])
      .filter((i) => i.type.startsWith('verification/'))
      .flatMap((v) => v.attributes.checks ?? [])
      .filter((c) => c.status === 'failed')
    if (failed.some((c) => SUSPICION.has(c.name)) && body.data.attributes.tags.length === 0) return id
  }
  throw new Error('the demo data has no untagged failed inquiry a fraud check flagged')
}
