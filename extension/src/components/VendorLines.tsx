import { useContext } from 'preact/hooks'
import type { HistoryVendor } from '@idv-lens/shared/api'
import { t } from '../lib/i18n.ts'
import { VendorFacts } from './vendor-facts.ts'

/** The relay's line for one vendor: how many it found, or that it failed, or why it was not searched. */
function lineText(line: HistoryVendor, label: string): string {
  if (line.outcome === 'not-searched') return t('searchVendorNoEmail', label)
  if (line.outcome === 'failed') return t('searchVendorFailed', label)
  if (line.found === 0) return t('searchVendorNone', label)
  return line.complete ? t('searchVendorFound', label, line.found) : t('searchVendorFoundMore', label, line.found)
}

/** One status line per vendor of a customer's history (GET /v1/history), in the relay's order; none from a relay that sends none. */
export function VendorLines({ lines }: { lines: readonly HistoryVendor[] | undefined }) {
  const facts = useContext(VendorFacts)
  if (!lines?.length) return null
  return (
    <ul class="search-vendors muted" data-testid="search-vendors">
      {lines.map((line) => (
        <li key={line.provider} data-testid="search-vendor-line" data-provider={line.provider} data-outcome={line.outcome}>
          {lineText(line, facts.label(line.provider) ?? line.provider)}
        </li>
      ))}
    </ul>
  )
}
