import type { ListViewDef, VendorRows } from './vendor-view.ts'

/**
 * Every vendor's list rows and filters (vendors/<name>/<name>-rows.tsx), found by folder and keyed by
 * its name: the registry (vendors/index.ts) stays free of Preact, so the background and the content
 * scripts that read it carry no views, and the popup carries no detail (vendors/details.ts).
 */
export const VENDOR_ROWS: Readonly<Record<string, VendorRows>> = Object.fromEntries(
  Object.entries(import.meta.glob<VendorRows>('./*/*-rows.tsx', { eager: true, import: 'rows' })).map(([path, rows]) => [
    path.split('/')[1],
    rows,
  ]),
)

/** A list's row and filters by its key, or null for a list without a view. */
export const listView = (key: string): ListViewDef | null =>
  Object.values(VENDOR_ROWS).find((rows) => Object.hasOwn(rows, key))?.[key] ?? null
