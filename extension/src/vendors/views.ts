import type { IdKind } from '@idv-lens/shared/ids'
import type { DetailDef, ListViewDef, VendorView } from './vendor-view.ts'

/**
 * Every vendor's views (vendors/<name>/<name>-view.tsx), found by folder, keyed by its name: the
 * registry (vendors/index.ts) stays free of Preact, so the background and the content scripts that
 * read it carry no views. vendor-boundary.test.ts checks that every registered vendor has one.
 */
export const VENDOR_VIEWS: Readonly<Record<string, VendorView>> = Object.fromEntries(Object.entries(import.meta.glob<VendorView>('./*/*-view.tsx', { eager: true, import: 'view' })).map(([path, view]) => [path.split('/')[1], view]))

const views = Object.values(VENDOR_VIEWS)

/** A list's row and filters by its key, or null for a list without a view. */
export const listView = (key: string): ListViewDef | null => views.find((v) => Object.hasOwn(v.lists, key))?.lists[key] ?? null

/** The detail of an ID kind, or null for a kind the side panel does not show. */
export const detailView = (kind: IdKind): DetailDef | null => views.find((v) => v.details[kind])?.details[kind] ?? null
