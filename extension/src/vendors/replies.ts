import type { VendorReplies } from './vendor.ts'

/**
 * Every vendor's customer-reply tables (vendors/<name>/<name>-replies.ts), found by folder: only the
 * background words replies (lib/customer-reply.ts), so the registry, which the card reads, leaves them out.
 */
const BY_PATH = import.meta.glob<VendorReplies>('./*/*-replies.ts', { eager: true, import: 'replies' })

/** Each vendor's tables by its folder's name. */
export const vendorReplies = (): Readonly<Record<string, VendorReplies>> =>
  Object.fromEntries(Object.entries(BY_PATH).map(([path, replies]) => [path.split('/')[1], replies]))
