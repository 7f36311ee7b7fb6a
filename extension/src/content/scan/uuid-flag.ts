import { sendMessage } from '../../lib/messages.ts'
import { onContentMessage } from '../../lib/content-messages.ts'
import { takeCardFields } from '../card/shown-fields.ts'

/**
 * Whether bare UUIDs count on this page, as the background says for this frame's site (the agent's
 * list or the administrator's policy). The content script never reads the settings itself: the
 * relay URL and the agent token live next to them. `onSettingsChange` runs whenever the background
 * says a setting changed (relay ones too: failed lookups are worth another try), with the flag as
 * it is now. The same answer carries the facts the card shows (card/shown-fields.ts).
 */
export async function followUuidFlag(onSettingsChange: (uuids: boolean) => void): Promise<{ uuids: boolean; stop(): void }> {
  // No answer (the extension is being updated): IDs are still found, just not bare UUIDs.
  const read = () =>
    sendMessage('contentSettings', undefined).then(
      (s) => {
        takeCardFields(s?.cardFields)
        return s?.uuids === true
      },
      () => {
        takeCardFields(undefined)
        return false
      },
    )
  let stopped = false
  const remove = onContentMessage('settingsChanged', async () => {
    const uuids = await read()
    if (!stopped) onSettingsChange(uuids)
  })
  const uuids = await read()
  return {
    uuids,
    stop() {
      stopped = true
      remove()
    },
  }
}
