/**
 * Where the background keeps the IDs found on a tab (storage.session: the service worker may stop,
 * the list must not). One key per tab, so reports from different tabs never overwrite each other.
 * The popup watches its tab's key, so its list fills as the page reports.
 */
export const pageIdsKey = (tabId: number) => `session:inlineLookups.pageIds.${tabId}` as const

/**
 * The IDs each frame of a tab reported (frame ID → its list), for the union above: a ticket body in
 * an iframe counts with the page around it, and an ID in two frames counts once.
 */
export const frameIdsKey = (tabId: number) => `session:inlineLookups.frameIds.${tabId}` as const
