import { storage } from '#imports'
import { EMPTY_WATCHES, type WatchList } from './watches.ts'

/**
 * The watch list in `storage.local`: kept per browser profile, closed to content scripts
 * (background/storage-access.ts). Apart from lib/watches.ts, which the card's bundle uses.
 */
export const watchesItem = storage.defineItem<WatchList>('local:watches', { fallback: EMPTY_WATCHES })
