import type { ComponentChildren } from 'preact'
import { VendorFacts } from '../components/vendor-facts.ts'
import { vendorLabel } from '../vendors/index.ts'
import { statusTone } from '../vendors/tones.ts'

const REGISTRY_FACTS: VendorFacts = { label: vendorLabel, tone: statusTone }

/** A page's root: its components read the vendors' names and tones from the registry. */
export function WithVendorFacts({ children }: { children: ComponentChildren }) {
  return <VendorFacts.Provider value={REGISTRY_FACTS}>{children}</VendorFacts.Provider>
}
