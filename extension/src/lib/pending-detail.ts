import { storage } from '#imports'

/**
 * The ID the side panel should show next. The background writes it (openDetail, context menu) and
 * the side panel takes it, whether it was already open (watch) or is opening now (initial read).
 * Session storage: in memory only, gone when the browser closes.
 */
export type PendingDetail = { id: string; at: number }

export const pendingDetailItem = storage.defineItem<PendingDetail | null>('session:pendingDetail', { fallback: null })
