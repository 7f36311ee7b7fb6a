import type { Locator, Page } from 'playwright-core'
import type { VendorName } from '@idv-lens/shared/api'

type Inquiries = { data: { id: string; attributes: { 'reference-id': string | null } }[] }
type History = { data: { id: string }[] }

async function relayGet<T>(relayUrl: string, path: string, token: string): Promise<T> {
  const res = await fetch(`${relayUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status}`)
  return (await res.json()) as T
}

/** The records every vendor holds for a reference ID, as the relay answers the extension's own search call (the oracle). */
export async function recordsWithReference(relayUrl: string, reference: string, token: string): Promise<string[]> {
  const history = await relayGet<History>(relayUrl, `/v1/history?reference-id=${encodeURIComponent(reference)}`, token)
  return history.data.map((record) => record.id)
}

/**
 * Reference IDs of the newest inquiries, one that a single record carries and one that several do,
 * asked of the relay over HTTP as the agent of `token`: the demo upstream's seed decides which, not the test.
 */
export async function demoReferences(
  relayUrl: string,
  token: string,
): Promise<{ single: { reference: string; id: string }; several: { reference: string; ids: string[] } }> {
  const newest = await relayGet<Inquiries>(relayUrl, '/v1/persona/inquiries?page%5Bsize%5D=50', token)
  const references = [...new Set(newest.data.map((i) => i.attributes['reference-id']).filter((r): r is string => !!r))]
  let single: { reference: string; id: string } | null = null
  let several: { reference: string; ids: string[] } | null = null
  for (const reference of references) {
    if (single && several) break
    const ids = await recordsWithReference(relayUrl, reference, token)
    if (ids.length === 1 && !single) single = { reference, id: ids[0]! }
    if (ids.length > 1 && !several) several = { reference, ids }
  }
  if (!single || !several) throw new Error('The demo data has no reference ID with one record, or none with several')
  return { single, several }
}

/** Types `text` into a surface's search box and submits it, as the agent does. */
export async function searchFor(page: Page, text: string): Promise<void> {
  await page.getByTestId('lookup-input').fill(text)
  await page.getByTestId('lookup-submit').click()
}

/** Each vendor's name as the agent reads it; keyed by the registry's names, so a new vendor is named here once. */
export const VENDOR_LABELS: { readonly [vendor in VendorName]: string } = {
  persona: 'Persona',
  deepidv: 'deepidv',
  stripe: 'Stripe',
  onfido: 'Onfido',
  sumsub: 'Sumsub',
}
/** Any one vendor's name, for a pattern. */
export const ANY_VENDOR = Object.values(VENDOR_LABELS).join('|')

export type VendorLine = { provider?: string; outcome?: string; text: string }

/** Each vendor line of a search's answer under `root` (`search-vendor-line`): its provider, outcome and text. */
export const vendorLines = (root: Locator): Promise<VendorLine[]> =>
  root.getByTestId('search-vendor-line').evaluateAll((list) =>
    list.map((li) => ({
      provider: (li as HTMLElement).dataset.provider,
      outcome: (li as HTMLElement).dataset.outcome,
      text: li.textContent ?? '',
    })),
  )
