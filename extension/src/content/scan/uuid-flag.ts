import { sendMessage } from '../../lib/messages.ts'
import { onContentMessage } from '../../lib/content-messages.ts'
import type { CardField } from '../../lib/card-fields.ts'

type SiteFlags = { uuids: boolean; cardFields: readonly CardField[] | null }

/**
 * Whether bare UUIDs count on this page, as the background says for this frame's site (the agent's
 * list or the administrator's policy). The content script never reads the settings itself: the
 * relay URL and the agent token live next to them. `onSettingsChange` runs whenever the background
 * says a setting changed (relay ones too: failed lookups are worth another try), with the flag as
 * it is now, and the facts the card shows (null when there is no answer: the card's own order).
 */
export async function followUuidFlag(
  onSettingsChange: (uuids: boolean, cardFields: readonly CardField[] | null) => void,
): Promise<SiteFlags & { stop(): void }> {
  // No answer (the extension is being updated): IDs are still found, just not bare UUIDs.
  const read = (): Promise<SiteFlags> =>
    sendMessage('contentSettings', undefined).then(
      (s) => ({ uuids: s?.uuids === true, cardFields: s?.cardFields ?? null }),
      () => ({ uuids: false, cardFields: null }),
    )
  let stopped = false
  const remove = onContentMessage('settingsChanged', async () => {
    const { uuids, cardFields } = await read()
    if (!stopped) onSettingsChange(uuids, cardFields)
  })
  const flags = await read()
  return {
    ...flags,
    stop() {
      stopped = true
      remove()
    },
  }
}
