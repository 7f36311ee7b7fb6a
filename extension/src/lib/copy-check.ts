import { browser, storage } from '#imports'
import { watchItemAndPermissions } from './watch-permissions.ts'

/*
The copy check: for a second after a card's copy, the background reads the clipboard back, so the
card can warn when the helpdesk page wrote over it (background/clipboard.ts). Reading needs
clipboardRead, which the browser words as "Read data you copy and paste": an optional permission,
asked for on the agent's click in an extension page (content scripts cannot ask). No policy can
grant it. Without it a copy still lands; the card says it was not checked.
*/

/** The optional permission the check reads the clipboard with. */
const COPY_CHECK_PERMISSION = { permissions: ['clipboardRead' as const] }

/**
 * Whether the popup and side panel offer the check: `due` after the first copy made without it,
 * `declined` once the agent said no there or to the browser (the options page still offers it).
 */
export const copyCheckOfferItem = storage.defineItem<'due' | 'declined' | null>('local:copyCheckOffer', { fallback: null })

/** What the check needs from the browser; injectable for tests (the fake browser has no permissions API). */
export type CopyCheckApi = { permissions: Pick<typeof browser.permissions, 'contains' | 'request' | 'remove' | 'onAdded' | 'onRemoved'> }

/** Whether the check is on; a question that fails counts as off (the copy then says so). */
export const copyCheckOn = (api: CopyCheckApi = browser): Promise<boolean> =>
  Promise.resolve()
    .then(() => api.permissions.contains(COPY_CHECK_PERMISSION))
    .catch(() => false)

/** After a copy made without the check: the popup and side panel offer it, unless the agent declined. */
export async function offerCopyCheck(): Promise<void> {
  if ((await copyCheckOfferItem.getValue()) === null) await copyCheckOfferItem.setValue('due')
}

/**
 * Asks the browser for the check. Call it first thing in a click handler: Chrome shows its prompt
 * only inside the click's user gesture. A no (the agent's, or a refusal) is remembered: the offer
 * goes, and the options page keeps the button.
 */
export function turnOnCopyCheck(api: CopyCheckApi = browser): Promise<boolean> {
  let asked: Promise<boolean>
  try {
    // Called at once, not in a later task: Firefox too wants the request inside the click's handler.
    asked = Promise.resolve(api.permissions.request(COPY_CHECK_PERMISSION)).catch(() => false)
  } catch {
    asked = Promise.resolve(false)
  }
  return asked.then(async (granted) => {
    if (!granted) await copyCheckOfferItem.setValue('declined')
    return granted
  })
}

/** The agent's no, or "Turn off" in the options page: the permission goes, and nothing offers it again but the options page. */
export async function turnOffCopyCheck(api: CopyCheckApi = browser): Promise<void> {
  await copyCheckOfferItem.setValue('declined')
  await Promise.resolve()
    .then(() => api.permissions.remove(COPY_CHECK_PERMISSION))
    .catch(() => false)
}

/** Calls `onChange` when the check is turned on or off, or the offer changes. Returns the unwatch function. */
export function watchCopyCheck(onChange: () => void, api: CopyCheckApi = browser): () => void {
  return watchItemAndPermissions(copyCheckOfferItem, onChange, api)
}
