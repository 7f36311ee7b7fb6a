import { browser } from '#imports'
import { sitePattern } from './site-access.ts'

/*
How the extension's pages and background reach the relay. Chrome and Edge give the extension a fixed
origin (chrome-extension://<id>), which the relay lists in ALLOWED_ORIGINS and answers through CORS.
Firefox gives each installation a random origin that no relay can list, so there the extension holds the
relay's host permission instead, which exempts its requests from CORS. The relay still requires the
agent token on every /v1 call, so nothing opens to anyone who lacks one (docs/firefox.md).
*/

/** What the browser needs before the relay can be reached. */
export type RelayAccess =
  /** Chrome/Edge: CORS, through the relay's ALLOWED_ORIGINS; nothing to ask. */
  | 'cors'
  /** Firefox: the relay's host permission is held (it was granted now or before). */
  | 'granted'
  /** Firefox: the agent declined the prompt; the relay's answers stay unreadable. */
  | 'refused'
  /** No usable relay URL to ask for. */
  | 'no-url'

export type RelayAccessApi = {
  /** Whether this browser needs the host permission (its extension origin is random per install). */
  needsHostPermission(): boolean
  request(origins: string[]): Promise<boolean>
}

export const browserRelayAccess: RelayAccessApi = {
  needsHostPermission: () => browser.runtime.getURL('/').startsWith('moz-extension:'),
  request: (origins) => browser.permissions.request({ origins }),
}

/**
 * Asks for the relay's host permission where the browser needs it. Call it synchronously from the
 * click handler (Save, Test connection): the browser shows its prompt only during a user gesture, and
 * the gesture does not survive an `await`. Already granted resolves at once, without a prompt.
 */
export function requestRelayAccess(workerUrl: string, api: RelayAccessApi = browserRelayAccess): Promise<RelayAccess> {
  if (!api.needsHostPermission()) return Promise.resolve('cors')
  const pattern = sitePattern(workerUrl.trim())
  if (!pattern) return Promise.resolve('no-url')
  try {
    return api.request([pattern]).then(
      (granted) => (granted ? 'granted' : 'refused'),
      () => 'refused' as const,
    )
  } catch {
    return Promise.resolve('refused')
  }
}
