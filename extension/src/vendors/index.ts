import type { VendorName } from '@idv-lens/shared/api'
import { ID_PATTERNS } from '@idv-lens/shared/ids'
import { t } from '../kit/words.ts'
import type { ActionButton, Vendor, VendorAction, VendorList, VendorRecord } from './vendor.ts'
import { deepidv } from './deepidv/deepidv.ts'
import { onfido } from './onfido/onfido.ts'
import { persona } from './persona/persona.ts'
import { stripe } from './stripe/stripe.ts'
import { sumsub } from './sumsub/sumsub.ts'

/**
 * The registry: every vendor the extension knows, one line each, in VENDOR_NAMES' order. Nothing
 * outside vendors/ names a vendor (vendor-boundary.test.ts); it asks here, or finds the vendor's
 * views through vendors/rows.ts and vendors/details.ts. A new vendor is its folder and its line here (docs/adding-a-vendor.md).
 */
export const VENDORS: Readonly<Record<VendorName, Vendor>> = {
  persona,
  deepidv,
  stripe,
  onfido,
  sumsub,
}

/** Every vendor's lists, in tab order (the side panel's). */
export const LISTS: readonly VendorList[] = Object.values(VENDORS).flatMap((v) => v.lists)

/** The lists that have a tab. */
export const TAB_LISTS: readonly VendorList[] = LISTS.filter((list) => list.tab !== null)

/** The list the popup opens on (its first tab, the first paint, the warm-up at browser start). */
export const POPUP_LIST: VendorList = LISTS.find((list) => list.opensPopup) ?? LISTS[0]!

/** A list by its key, or null for a key no vendor has. */
export const vendorList = (key: unknown): VendorList | null => LISTS.find((list) => list.key === key) ?? null

/** How to read a record of an ID kind, or null for a kind no vendor reads (or no kind at all). */
export function vendorRecord(kind: unknown): VendorRecord | null {
  const pattern = ID_PATTERNS.find((p) => p.kind === kind)
  return pattern ? (VENDORS[pattern.provider].records[pattern.kind] ?? null) : null
}

/** The vendors a relay serves (its `/health` providers), by their names as they write them, in the registry's order. */
export const servedLabels = (providers: Partial<Record<string, boolean>> | undefined): string[] =>
  Object.values(VENDORS)
    .filter((v) => providers?.[v.name])
    .map((v) => v.label)

/** Every vendor's name as it writes it, in the registry's order ("Persona, deepidv, …" in the UI's hints). */
export const VENDOR_LABELS: readonly string[] = Object.values(VENDORS).map((v) => v.label)

/** The vendor's name as it writes it, or null for a name the extension does not know. */
export function vendorLabel(name: string): string | null {
  return Object.hasOwn(VENDORS, name) ? VENDORS[name as VendorName].label : null
}

/** A vendor's event in words ("Inquiry approved", in the agent's language), or null for a name it does not list. */
export function eventWords(vendor: string, name: string): string | null {
  const events = Object.hasOwn(VENDORS, vendor) ? VENDORS[vendor as VendorName].events : undefined
  const key = events && Object.hasOwn(events, name) ? events[name] : undefined
  return key ? t(key) : null
}

/** Every vendor's agent actions (vendors/vendor.ts `VendorAction`); each key is one vendor's. */
export const ACTIONS: readonly VendorAction[] = Object.values(VENDORS).flatMap((v) => v.actions ?? [])

/** An action by its key, or null for a key no vendor declares. */
export const vendorAction = (key: unknown): VendorAction | null => ACTIONS.find((action) => action.key === key) ?? null

/** The card's action buttons for an ID kind, by its vendor (none for a kind its actions do not act on). */
export function actionButtons(kind: unknown): readonly ActionButton[] {
  const pattern = ID_PATTERNS.find((p) => p.kind === kind)
  return pattern && vendorRecord(kind)?.actions ? (VENDORS[pattern.provider].actionButtons ?? []) : []
}

/** The detail sections a card's action button may open. */
export const isActionSection = (section: unknown): boolean =>
  Object.values(VENDORS).some((v) => v.actionButtons?.some((b) => b.section === section))
