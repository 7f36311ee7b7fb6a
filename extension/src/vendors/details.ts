import type { IdKind } from '@idv-lens/shared/ids'
import type { DetailDef, VendorDetails } from './vendor-view.ts'

/**
 * Every vendor's detail views (vendors/<name>/<name>-details.tsx), found by folder and keyed by its
 * name: the side panel's alone (vendors/rows.ts says why they are apart from the registry).
 */
export const VENDOR_DETAILS: Readonly<Record<string, VendorDetails>> = Object.fromEntries(
  Object.entries(import.meta.glob<VendorDetails>('./*/*-details.tsx', { eager: true, import: 'details' })).map(([path, details]) => [
    path.split('/')[1],
    details,
  ]),
)

/** The detail of an ID kind, or null for a kind the side panel does not show. */
export const detailView = (kind: IdKind): DetailDef | null => Object.values(VENDOR_DETAILS).find((details) => details[kind])?.[kind] ?? null
